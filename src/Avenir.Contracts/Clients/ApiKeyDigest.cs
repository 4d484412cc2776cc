namespace Avenir.Contracts.Clients;

/// <summary>
/// An API key as the client's grain knows it: its SHA-256 (lower-case hex) and its visible prefix. Keys are made
/// and shown by the API; neither a key nor a password crosses the grain boundary in clear.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Clients.ApiKeyDigest")]
public sealed record class ApiKeyDigest([property: Id(0)] string Hash, [property: Id(1)] string Prefix);

namespace Avenir.Contracts.Clients;

/// <summary>The answer to a registration: the new client's profile (the caller made, and shows, its key).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientRegistered")]
public sealed record class ClientRegistered([property: Id(0)] ClientProfile Profile);

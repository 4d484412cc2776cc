namespace Avenir.Contracts.Clients;

/// <summary>The answer to a registration: the profile and the plaintext key, shown this once.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientRegistered")]
public sealed record class ClientRegistered(
    [property: Id(0)] ClientProfile Profile,
    [property: Id(1)] string ApiKey);

namespace Avenir.Contracts.Clients;

/// <summary>A new API key (plaintext, shown this once) and until when the previous one still works.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientKeyRotated")]
public sealed record class ClientKeyRotated(
    [property: Id(0)] string ApiKey,
    [property: Id(1)] string ApiKeyPrefix,
    [property: Id(2)] DateTimeOffset? PreviousKeyValidUntil);

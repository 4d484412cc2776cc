namespace Avenir.Contracts.Clients;

/// <summary>A rotation's result: the new key's prefix, and until when the previous key still works.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientKeyRotated")]
public sealed record class ClientKeyRotated(
    [property: Id(1)] string ApiKeyPrefix,
    [property: Id(2)] DateTimeOffset? PreviousKeyValidUntil);

namespace Avenir.Contracts.Clients;

/// <summary>Live figures the client's grain keeps incrementally.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientStats")]
public sealed record class ClientStats(
    [property: Id(0)] long LeadsReceived,
    [property: Id(1)] DateTimeOffset? LastLeadAt);

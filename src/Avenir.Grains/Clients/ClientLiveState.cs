namespace Avenir.Grains.Clients;

/// <summary>
/// What the client's grain keeps that has no table: live counters. Stored by Orleans (ADO.NET grain
/// storage) in the same database; the <c>clients</c> row stays the system of record for settings.
/// </summary>
[GenerateSerializer, Alias("Avenir.Grains.Clients.ClientLiveState")]
public sealed class ClientLiveState
{
    [Id(0)] public long LeadsReceived { get; set; }
    [Id(1)] public DateTimeOffset? LastLeadAt { get; set; }
}

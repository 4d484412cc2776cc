namespace Avenir.Contracts.Clients;

/// <summary>
/// The dashboard's lead counters. Every lead not erased is in exactly one of active / archived / deleted;
/// converted counts the converted leads that are not deleted (they are also active or archived).
/// "Today" is the UTC day.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientDashboardStats")]
public sealed record class ClientDashboardStats
{
    [Id(0)] public long LeadsToday { get; init; }
    [Id(1)] public long Total { get; init; }
    [Id(2)] public long Active { get; init; }
    [Id(3)] public long Archived { get; init; }
    [Id(4)] public long Deleted { get; init; }
    [Id(5)] public long Converted { get; init; }
    [Id(6)] public DateTimeOffset? LastLeadAt { get; init; }
    [Id(7)] public DateTimeOffset CountedAt { get; init; }
}

using Avenir.Grains.Growth;

namespace Avenir.Grains.Clients;

/// <summary>
/// What the client's grain keeps that has no table: the last lead's arrival and the growth brain's accumulator. Stored by Orleans (ADO.NET grain
/// storage) in the same database; the <c>clients</c> row stays the system of record for settings.
/// </summary>
[GenerateSerializer, Alias("Avenir.Grains.Clients.ClientLiveState")]
public sealed class ClientLiveState
{
    // [Id(0)] was a received-leads counter; the dashboard's counters (GetDashboardStatsAsync) replaced it. Never reuse the id.

    /// <summary>The newest lead's arrival, written to <c>clients.last_connection</c> by the flush.</summary>
    [Id(1)] public DateTimeOffset? LastLeadAt { get; set; }

    /// <summary>The growth brain's running sums; null until the first recompute (clients from before the growth brain).</summary>
    [Id(2)] public GrowthAccumulator? Growth { get; set; }

    /// <summary>True while <see cref="Growth"/> is exactly a recompute's (no lead event applied since).</summary>
    [Id(3)] public bool GrowthFromRecompute { get; set; }

    /// <summary>When <see cref="Growth"/> was last replaced by a full recompute (null in state from before it was kept).</summary>
    [Id(4)] public DateTimeOffset? GrowthRecomputedAt { get; set; }

    /// <summary>The last insights written by the LLM; the report uses them while they are fresh.</summary>
    [Id(5)] public GrowthLlmInsights? LlmInsights { get; set; }
}

using Avenir.Grains.Growth;
using Orleans.Concurrency;

namespace Avenir.Grains.Clients.Contracts;

// The growth brain: the client's grain keeps its accumulator current on every lead event (O(1) each) and
// publishes the report to growth_brain at most every few seconds; a recompute from the tables replaces it.
public partial interface IClientGrain
{
    /// <summary>
    /// Intake's notification that a lead was created (one-way, in memory): the lead counters, <c>last_connection</c>
    /// and the growth figures. <see cref="RecordLeadReceivedAsync"/> is the same without the lead's facts.
    /// </summary>
    [Alias("RecordLeadCreated"), OneWay]
    Task RecordLeadCreatedAsync(LeadFacts lead);

    /// <summary>
    /// The live growth report, from the grain's accumulator (no SQL), or null when no such client exists.
    /// </summary>
    [Alias("GetGrowth")]
    Task<GrowthBrainReport?> GetGrowthAsync();

    /// <summary>
    /// Recomputes the growth figures from the tables (one GROUP BY over the client's leads, under row-level
    /// security), replaces the accumulator with the result and publishes the <c>growth_brain</c> row at once.
    /// Returns the report (<c>source</c> = <c>recompute</c>), or null when no such client exists.
    /// </summary>
    [Alias("RecomputeGrowth")]
    Task<GrowthBrainReport?> RecomputeGrowthAsync();
}

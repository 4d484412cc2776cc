using Avenir.Contracts.Growth;
using Avenir.Contracts.Leads;

namespace Avenir.Contracts.Clients;

// The growth brain: the client's grain keeps its accumulator current on every lead event (O(1) each) and
// publishes the report to growth_brain at most every few seconds; a recompute from the tables replaces it.
public partial interface IClientGrain
{
    /// <summary>
    /// Intake's notification, once a transaction committed and before its senders are answered, of the leads it created
    /// (each active, not converted, not yet enriched). In memory and O(1) per lead: the grain updates the lead counters,
    /// <c>last_connection</c> and the growth figures, and writes them at most every few seconds (and when deactivated).
    /// </summary>
    [Alias("RecordLeadsCreated")]
    Task RecordLeadsCreatedAsync(IReadOnlyList<LeadStatus> leads);

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
    /// <remarks>A scan of all the client's leads: it may outlast the API's 5 s grain-call timeout on a large client.</remarks>
    [Alias("RecomputeGrowth")]
    [ResponseTimeout("00:01:00")]
    Task<GrowthBrainReport?> RecomputeGrowthAsync();

    /// <summary>
    /// "Refresh now": <see cref="RecomputeGrowthAsync"/>, and when an LLM writes the insights, an
    /// <c>intelligence_analysis</c> job (at most one per client every few minutes) that asks it for new ones.
    /// Returns the recompute's report (insights by the rules until the job has run), or null when no such client exists.
    /// </summary>
    [Alias("RefreshGrowth")]
    [ResponseTimeout("00:01:00")]
    Task<GrowthBrainReport?> RefreshGrowthAsync();

    /// <summary>
    /// Stores insights written by the LLM from the report analysed at <paramref name="figuresAt"/> and publishes the
    /// <c>growth_brain</c> row with them. Returns true when the report now uses them; false when a full recompute
    /// came after <paramref name="figuresAt"/> (they describe older figures: not stored) or no such client exists.
    /// </summary>
    [Alias("SetGrowthInsights")]
    Task<bool> SetGrowthInsightsAsync(GrowthInsightTexts insights, string model, DateTimeOffset figuresAt);
}

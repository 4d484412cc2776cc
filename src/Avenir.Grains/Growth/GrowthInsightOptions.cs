namespace Avenir.Grains.Growth;

/// <summary>
/// Whether an LLM writes the growth insights. The silo turns it on when <c>Ai:Provider</c> names an LLM; then
/// "refresh now" also enqueues an <c>intelligence_analysis</c> job, which asks the LLM (grains make no slow calls).
/// </summary>
public sealed class GrowthInsightOptions
{
    /// <summary>The <c>queue_jobs.job_type</c> of the growth analysis (recompute, then LLM insights when configured).</summary>
    public const string AnalysisJobType = "intelligence_analysis";

    public bool LlmWritesInsights { get; set; }

    /// <summary>At most one on-demand analysis per client in this interval: clicking "refresh" again costs no LLM call.</summary>
    public TimeSpan OnDemandInterval { get; set; } = TimeSpan.FromMinutes(5);
}

namespace Avenir.Grains.Growth;

/// <summary>
/// Insights written by the LLM (the <c>intelligence_analysis</c> job) and kept in the client grain's state.
/// The report uses them instead of the rules' while <see cref="IsFresh"/> (docs/growth-brain.md, "LLM insights").
/// </summary>
/// <param name="Texts">English and French insights, validated by the writer.</param>
/// <param name="Model">Provider and model, e.g. <c>openai:gpt-4o-mini</c>.</param>
/// <param name="FiguresAt">The <c>analyzedAt</c> of the report the model was given.</param>
/// <param name="WrittenAt">When the grain received them (its clock).</param>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.GrowthLlmInsights")]
public sealed record class GrowthLlmInsights(
    [property: Id(0)] GrowthInsightTexts Texts,
    [property: Id(1)] string Model,
    [property: Id(2)] DateTimeOffset FiguresAt,
    [property: Id(3)] DateTimeOffset WrittenAt)
{
    /// <summary>How long LLM insights stand in for the rules' without a new analysis.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromHours(24);

    /// <summary>
    /// Fresh: written less than <see cref="FreshFor"/> ago, and from figures at least as recent as the last full
    /// recompute (a recompute after them, e.g. "refresh now", means they describe older figures).
    /// </summary>
    public bool IsFresh(DateTimeOffset now, DateTimeOffset? lastRecompute) =>
        now - WrittenAt < FreshFor && (lastRecompute is null || FiguresAt >= lastRecompute);
}

using System.Text.Json.Serialization;

namespace Avenir.Grains.Growth;

/// <summary>
/// A client's growth figures at one moment, computed from a <see cref="GrowthAccumulator"/> (every formula in
/// docs/growth-brain.md). Serialized as the dashboard's <c>GET /api/dashboard/growth</c> body and published
/// in the client's <c>growth_brain</c> row.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.GrowthBrainReport")]
public sealed record class GrowthBrainReport
{
    public const string IncrementalSource = "incremental";
    public const string RecomputeSource = "recompute";

    [Id(0)] public DateTimeOffset AnalyzedAt { get; init; }

    /// <summary>Monday 00:00 UTC of the oldest of the 8 weeks.</summary>
    [Id(1)] public DateTimeOffset PeriodStart { get; init; }

    [Id(2)] public DateTimeOffset PeriodEnd { get; init; }

    /// <summary><c>recompute</c> when the figures come straight from a full recompute, <c>incremental</c> once lead events changed them.</summary>
    [Id(3)] public string Source { get; init; } = IncrementalSource;

    [Id(4)] public long TotalLeads { get; init; }

    [Id(5)] public long EnrichedLeads { get; init; }

    [Id(6)] public IReadOnlyList<IntentShare> TopIntents { get; init; } = [];

    [Id(7)] public UrgencyDistribution Urgency { get; init; } = new(0, 0, 0);

    [Id(8)] public decimal? UrgencyTrendPercentage { get; init; }

    [Id(9)] public long OpenHighUrgency { get; init; }

    [Id(10)] public IReadOnlyList<ToneShare> Tones { get; init; } = [];

    [Id(11)] public decimal? SentimentScore { get; init; }

    [Id(12)] public decimal? AverageConfidence { get; init; }

    [Id(13)] public IReadOnlyList<GrowthWeekPoint> Weeks { get; init; } = [];

    [Id(14)] public LanguageRatio LanguageRatio { get; init; } = new(0, 0);

    [Id(15)] public decimal EngagementScore { get; init; }

    [Id(16)] public GrowthInsightTexts Insights { get; init; } = new([], []);

    /// <summary><c>rules</c> (written by <see cref="GrowthInsights"/>) or <c>llm</c>.</summary>
    [Id(17)] public string InsightsSource { get; init; } = GrowthInsights.RulesSource;

    /// <summary>The model that wrote the insights when <see cref="InsightsSource"/> is <c>llm</c> (omitted otherwise).</summary>
    [Id(18), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? InsightsModel { get; init; }

    /// <summary>When the LLM's insights were written (omitted for the rules').</summary>
    [Id(19), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? InsightsWrittenAt { get; init; }

    /// <summary>This report with <paramref name="insights"/> in place of the rules' insights.</summary>
    public GrowthBrainReport WithLlmInsights(GrowthLlmInsights insights) => this with
    {
        Insights = insights.Texts,
        InsightsSource = GrowthInsights.LlmSource,
        InsightsModel = insights.Model,
        InsightsWrittenAt = insights.WrittenAt,
    };

    /// <summary>The report of <paramref name="accumulator"/> at <paramref name="now"/> (the accumulator is not changed).</summary>
    public static GrowthBrainReport From(GrowthAccumulator accumulator, DateTimeOffset now, string source = IncrementalSource)
    {
        var currentWeek = GrowthWeeks.StartOf(now);
        var weeks = new List<GrowthWeekPoint>(GrowthWeeks.Count);
        for (var i = GrowthWeeks.Count - 1; i >= 0; i--)
        {
            var start = currentWeek.AddDays(-7 * i);
            var week = accumulator.Week(start);
            weeks.Add(new GrowthWeekPoint(DateOnly.FromDateTime(start), NonNegative(week?.Leads), NonNegative(week?.HighUrgency),
                week is { ConfidenceCount: > 0 } ? Round(week.ConfidenceSum / week.ConfidenceCount, 3) : null));
        }

        var enriched = NonNegative(accumulator.Enriched);
        var tones = Positive(accumulator.Tones);
        var toned = tones.Sum(pair => pair.Value);
        var english = accumulator.Languages.GetValueOrDefault("en");
        var french = accumulator.Languages.GetValueOrDefault("fr");
        var englishShare = english + french > 0 ? Round(100m * Math.Max(0, english) / (Math.Max(0, english) + Math.Max(0, french)), 1) : 0;

        var report = new GrowthBrainReport
        {
            AnalyzedAt = now,
            PeriodStart = new DateTimeOffset(weeks[0].WeekStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            PeriodEnd = now,
            Source = source,
            TotalLeads = NonNegative(accumulator.Leads),
            EnrichedLeads = enriched,
            TopIntents = [.. Positive(accumulator.Intents).Take(5).Select(pair => new IntentShare(pair.Key, pair.Value, Share(pair.Value, enriched)))],
            Urgency = new UrgencyDistribution(
                NonNegative(accumulator.Urgencies.GetValueOrDefault("High")),
                NonNegative(accumulator.Urgencies.GetValueOrDefault("Medium")),
                NonNegative(accumulator.Urgencies.GetValueOrDefault("Low"))),
            UrgencyTrendPercentage = weeks[^2].HighUrgency == 0 ? null
                : Round(100m * (weeks[^1].HighUrgency - weeks[^2].HighUrgency) / weeks[^2].HighUrgency, 1),
            OpenHighUrgency = NonNegative(accumulator.OpenHighUrgency),
            Tones = [.. tones.Select(pair => new ToneShare(pair.Key, pair.Value, Share(pair.Value, toned)))],
            SentimentScore = toned == 0 ? null
                : Round((decimal)tones.Sum(pair => pair.Value * GrowthLabels.ToneWeights.GetValueOrDefault(pair.Key, 50)) / toned, 1),
            AverageConfidence = accumulator.ConfidenceCount > 0 ? Round(accumulator.ConfidenceSum / accumulator.ConfidenceCount, 3) : null,
            Weeks = weeks,
            LanguageRatio = english + french > 0 ? new LanguageRatio(englishShare, 100 - englishShare) : new LanguageRatio(0, 0),
            EngagementScore = Engagement(accumulator, weeks),
        };
        return report with { Insights = GrowthInsights.Write(report, accumulator) };
    }

    /// <summary>
    /// 0–100: 50 × the share of leads handled (tagged, archived or converted) + 30 × the conversion rate
    /// relative to a 25 % target (capped at 1) + 20 × the share of the 8 weeks that received a lead.
    /// </summary>
    private static decimal Engagement(GrowthAccumulator accumulator, IReadOnlyList<GrowthWeekPoint> weeks)
    {
        var leads = accumulator.Leads;
        if (leads <= 0)
        {
            return 0;
        }

        var handled = Math.Clamp((decimal)accumulator.Handled / leads, 0, 1);
        var conversion = Math.Clamp((decimal)accumulator.Converted / leads / 0.25m, 0, 1);
        var activeWeeks = (decimal)weeks.Count(week => week.Leads > 0) / weeks.Count;
        return Round(50 * handled + 30 * conversion + 20 * activeWeeks, 1);
    }

    /// <summary>Positive counts, largest first, ties by label (ordinal).</summary>
    private static List<KeyValuePair<string, long>> Positive(Dictionary<string, long> counts) =>
        [.. counts.Where(pair => pair.Value > 0).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];

    private static decimal Share(long count, long total) => total > 0 ? Round((decimal)count / total, 3) : 0;

    private static long NonNegative(long? value) => Math.Max(0, value ?? 0);

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}

[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.IntentShare")]
public sealed record class IntentShare([property: Id(0)] string Intent, [property: Id(1)] long Count, [property: Id(2)] decimal Share);

[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.ToneShare")]
public sealed record class ToneShare([property: Id(0)] string Tone, [property: Id(1)] long Count, [property: Id(2)] decimal Share);

[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.UrgencyDistribution")]
public sealed record class UrgencyDistribution([property: Id(0)] long High, [property: Id(1)] long Medium, [property: Id(2)] long Low);

/// <summary>One week of the trajectory: <see cref="WeekStart"/> is its Monday (UTC).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.GrowthWeekPoint")]
public sealed record class GrowthWeekPoint(
    [property: Id(0)] DateOnly WeekStart,
    [property: Id(1)] long Leads,
    [property: Id(2)] long HighUrgency,
    [property: Id(3)] decimal? AverageConfidence);

/// <summary>Share of the leads with a known language, in percent (one decimal; they add up to 100).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.LanguageRatio")]
public sealed record class LanguageRatio([property: Id(0)] decimal En, [property: Id(1)] decimal Fr);

[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.GrowthInsightTexts")]
public sealed record class GrowthInsightTexts([property: Id(0)] IReadOnlyList<string> En, [property: Id(1)] IReadOnlyList<string> Fr);

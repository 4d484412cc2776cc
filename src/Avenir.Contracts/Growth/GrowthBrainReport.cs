using System.Text.Json.Serialization;

namespace Avenir.Contracts.Growth;

/// <summary>
/// A client's growth figures at one moment, computed by the client's grain from its accumulator (every formula in
/// docs/growth-brain.md). Serialized as the dashboard's <c>GET /api/dashboard/growth</c> body and published
/// in the client's <c>growth_brain</c> row.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.GrowthBrainReport")]
public sealed record class GrowthBrainReport
{
    public const string IncrementalSource = "incremental";
    public const string RecomputeSource = "recompute";

    /// <summary><see cref="InsightsSource"/> of insights written by the rules over the figures.</summary>
    public const string RulesInsights = "rules";

    /// <summary><see cref="InsightsSource"/> of insights written by the LLM.</summary>
    public const string LlmInsights = "llm";

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

    /// <summary><see cref="RulesInsights"/> or <see cref="LlmInsights"/>.</summary>
    [Id(17)] public string InsightsSource { get; init; } = RulesInsights;

    /// <summary>The model that wrote the insights when <see cref="InsightsSource"/> is <c>llm</c> (omitted otherwise).</summary>
    [Id(18), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? InsightsModel { get; init; }

    /// <summary>When the LLM's insights were written (omitted for the rules').</summary>
    [Id(19), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? InsightsWrittenAt { get; init; }
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

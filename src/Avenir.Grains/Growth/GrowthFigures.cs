namespace Avenir.Grains.Growth;

/// <summary>
/// Computes a <see cref="GrowthBrainReport"/> from a <see cref="GrowthAccumulator"/>: every formula of
/// docs/growth-brain.md, with the rules' insights.
/// </summary>
public static class GrowthFigures
{
    /// <summary>This report with <paramref name="insights"/> in place of the rules' insights.</summary>
    public static GrowthBrainReport WithLlmInsights(this GrowthBrainReport report, GrowthLlmInsights insights) => report with
    {
        Insights = insights.Texts,
        InsightsSource = GrowthBrainReport.LlmInsights,
        InsightsModel = insights.Model,
        InsightsWrittenAt = insights.WrittenAt,
    };

    /// <summary>The report of <paramref name="accumulator"/> at <paramref name="now"/> (the accumulator is not changed).</summary>
    public static GrowthBrainReport From(GrowthAccumulator accumulator, DateTimeOffset now, string source = GrowthBrainReport.IncrementalSource)
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
                : Round((decimal)tones.Sum(pair => pair.Value * SentimentWeights.ByTone.GetValueOrDefault(pair.Key, 50)) / toned, 1),
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

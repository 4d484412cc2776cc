using System.Text.Json;
using Avenir.Grains.Growth;

namespace Avenir.Grains.Clients;

/// <summary>
/// The growth brain's statements, run in the client's tenant transaction: the full recompute from
/// <c>lead_memory</c> and the publication of the client grain's <c>growth_brain</c> row.
/// </summary>
public static class GrowthRows
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The accumulator of the client's leads as the tables hold them now: one GROUP BY over the client's
    /// leads that are not deleted, by every fact the figures read (and the week, inside the window).
    /// </summary>
    public static async Task<GrowthAccumulator> RecomputeAsync(
        TenantTransaction transaction, Guid clientId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var accumulator = GrowthAccumulator.Empty(now);
        var windowStart = new DateTimeOffset(GrowthWeeks.WindowStart(now), TimeSpan.Zero);
        var beforeWindow = windowStart.AddDays(-7);
        var groups = await transaction.QueryAsync<LeadGroup>(
            """
            SELECT language, intent, urgency, tone, archived, converted_at IS NOT NULL AS converted, current_tag IS NOT NULL AS tagged,
                   CASE WHEN created_at >= @windowStart THEN date_trunc('week', created_at AT TIME ZONE 'UTC') END AS week,
                   count(*) AS leads, coalesce(sum(confidence_score), 0) AS confidence_sum, count(confidence_score) AS confidence_count
              FROM lead_memory
             WHERE client_id = @clientId AND NOT deleted
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
            """,
            new { clientId, windowStart }, cancellationToken);
        foreach (var group in groups)
        {
            // Inside the window: the week's Monday; before it: any time before the window (totals only).
            var receivedAt = group.Week is { } week ? new DateTimeOffset(DateTime.SpecifyKind(week, DateTimeKind.Utc)) : beforeWindow;
            var lead = new GrowthFacts(receivedAt, group.Language, group.Intent, group.Urgency, group.Tone, group.Archived, group.Converted, group.Tagged);
            accumulator.AddGroup(lead, group.Leads, group.ConfidenceSum, group.ConfidenceCount);
        }

        return accumulator;
    }

    /// <summary>Writes the report as the client's <c>growth_brain</c> row (one per client: UPSERT on client_id).</summary>
    public static Task PublishAsync(TenantTransaction transaction, Guid clientId, GrowthBrainReport report, CancellationToken cancellationToken = default) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO growth_brain (client_id, analysis_period_start, analysis_period_end, total_leads, top_intents, urgency_distribution,
                                      urgency_trend_percentage, tone_distribution, tone_sentiment_score, avg_confidence, confidence_trajectory,
                                      language_ratio, engagement_score, predictive_insights, analyzed_at, created_at, updated_at)
            VALUES (@clientId, @PeriodStart, @PeriodEnd, @totalLeads, @topIntents, @urgency, @trend, @tones, @SentimentScore, @AverageConfidence,
                    @trajectory, @languageRatio, @EngagementScore, @insights, @AnalyzedAt, @AnalyzedAt, @AnalyzedAt)
            ON CONFLICT (client_id) DO UPDATE SET
                analysis_period_start = EXCLUDED.analysis_period_start, analysis_period_end = EXCLUDED.analysis_period_end,
                total_leads = EXCLUDED.total_leads, top_intents = EXCLUDED.top_intents, urgency_distribution = EXCLUDED.urgency_distribution,
                urgency_trend_percentage = EXCLUDED.urgency_trend_percentage, tone_distribution = EXCLUDED.tone_distribution,
                tone_sentiment_score = EXCLUDED.tone_sentiment_score, avg_confidence = EXCLUDED.avg_confidence,
                confidence_trajectory = EXCLUDED.confidence_trajectory, language_ratio = EXCLUDED.language_ratio,
                engagement_score = EXCLUDED.engagement_score, predictive_insights = EXCLUDED.predictive_insights,
                analyzed_at = EXCLUDED.analyzed_at, updated_at = EXCLUDED.updated_at
            """,
            new
            {
                clientId,
                report.PeriodStart,
                report.PeriodEnd,
                totalLeads = (int)Math.Min(int.MaxValue, report.TotalLeads),
                topIntents = SnakeCaseJsonb(report.TopIntents),
                urgency = SnakeCaseJsonb(report.Urgency),
                trend = report.UrgencyTrendPercentage is { } trend ? Math.Clamp(trend, -99999.99m, 99999.99m) : (decimal?)null,
                tones = SnakeCaseJsonb(report.Tones),
                report.SentimentScore,
                report.AverageConfidence,
                trajectory = SnakeCaseJsonb(report.Weeks.Select(week =>
                    new { PeriodStart = week.WeekStart, Avg = week.AverageConfidence, week.Leads, week.HighUrgency })),
                languageRatio = SnakeCaseJsonb(report.LanguageRatio),
                report.EngagementScore,
                insights = SnakeCaseJsonb(new
                {
                    report.Insights.En,
                    report.Insights.Fr,
                    Source = report.InsightsSource,
                    Model = report.InsightsModel,
                    WrittenAt = report.InsightsWrittenAt,
                }),
                report.AnalyzedAt,
            },
            cancellationToken);

    private static Dapper.SqlMapper.ICustomQueryParameter SnakeCaseJsonb(object value) => Sql.Jsonb(JsonSerializer.Serialize(value, SnakeCase));

    private sealed record LeadGroup
    {
        public string? Language { get; init; }
        public string? Intent { get; init; }
        public string? Urgency { get; init; }
        public string? Tone { get; init; }
        public bool Archived { get; init; }
        public bool Converted { get; init; }
        public bool Tagged { get; init; }
        public DateTime? Week { get; init; }
        public long Leads { get; init; }
        public decimal ConfidenceSum { get; init; }
        public long ConfidenceCount { get; init; }
    }
}

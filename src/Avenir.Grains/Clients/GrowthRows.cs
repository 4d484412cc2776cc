using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using NpgsqlTypes;

namespace Avenir.Grains.Clients;

/// <summary>
/// The growth brain's statements, run in the client's tenant transaction: the full recompute from
/// <c>lead_memory</c> and the publication of the <c>growth_brain</c> row. Public for the benchmark.
/// </summary>
public static class GrowthRows
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The accumulator of the client's leads as the tables hold them now: one GROUP BY over the client's
    /// leads that are not deleted, by every fact the figures read (and the week, inside the window).
    /// </summary>
    public static async Task<GrowthAccumulator> RecomputeAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var accumulator = GrowthAccumulator.Empty(now);
        var windowStart = GrowthWeeks.WindowStart(now);
        var beforeWindow = new DateTimeOffset(windowStart.AddDays(-7), TimeSpan.Zero);
        await using var command = transaction.Command(
            """
            SELECT language, intent, urgency, tone, archived, converted_at IS NOT NULL, current_tag IS NOT NULL,
                   CASE WHEN created_at >= $2 THEN date_trunc('week', created_at AT TIME ZONE 'UTC') END,
                   count(*), coalesce(sum(confidence_score), 0), count(confidence_score)
              FROM lead_memory
             WHERE client_id = $1 AND NOT deleted
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
            """,
            clientId, new DateTimeOffset(windowStart, TimeSpan.Zero));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lead = new LeadFacts
            {
                Language = reader.IsDBNull(0) ? null : reader.GetString(0),
                Intent = reader.IsDBNull(1) ? null : reader.GetString(1),
                Urgency = reader.IsDBNull(2) ? null : reader.GetString(2),
                Tone = reader.IsDBNull(3) ? null : reader.GetString(3),
                Archived = reader.GetBoolean(4),
                Converted = reader.GetBoolean(5),
                Tagged = reader.GetBoolean(6),
                // Inside the window: the week's Monday; before it: any time before the window (totals only).
                ReceivedAt = reader.IsDBNull(7) ? beforeWindow : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc)),
            };
            accumulator.AddGroup(lead, reader.GetInt64(8), reader.GetDecimal(9), reader.GetInt64(10));
        }

        return accumulator;
    }

    /// <summary>Writes the report as the client's <c>growth_brain</c> row (one per client: UPSERT on client_id).</summary>
    public static async Task PublishAsync(TenantTransaction transaction, Guid clientId, GrowthBrainReport report, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            """
            INSERT INTO growth_brain (client_id, analysis_period_start, analysis_period_end, total_leads, top_intents, urgency_distribution,
                                      urgency_trend_percentage, tone_distribution, tone_sentiment_score, avg_confidence, confidence_trajectory,
                                      language_ratio, engagement_score, predictive_insights, analyzed_at, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15)
            ON CONFLICT (client_id) DO UPDATE SET
                analysis_period_start = EXCLUDED.analysis_period_start, analysis_period_end = EXCLUDED.analysis_period_end,
                total_leads = EXCLUDED.total_leads, top_intents = EXCLUDED.top_intents, urgency_distribution = EXCLUDED.urgency_distribution,
                urgency_trend_percentage = EXCLUDED.urgency_trend_percentage, tone_distribution = EXCLUDED.tone_distribution,
                tone_sentiment_score = EXCLUDED.tone_sentiment_score, avg_confidence = EXCLUDED.avg_confidence,
                confidence_trajectory = EXCLUDED.confidence_trajectory, language_ratio = EXCLUDED.language_ratio,
                engagement_score = EXCLUDED.engagement_score, predictive_insights = EXCLUDED.predictive_insights,
                analyzed_at = EXCLUDED.analyzed_at, updated_at = EXCLUDED.updated_at
            """,
            clientId, report.PeriodStart, report.PeriodEnd, (int)Math.Min(int.MaxValue, report.TotalLeads),
            Jsonb(report.TopIntents), Jsonb(report.Urgency),
            Numeric(report.UrgencyTrendPercentage is { } trend ? Math.Clamp(trend, -99999.99m, 99999.99m) : null),
            Jsonb(report.Tones), Numeric(report.SentimentScore), Numeric(report.AverageConfidence),
            Jsonb(report.Weeks.Select(week => new { PeriodStart = week.WeekStart, Avg = week.AverageConfidence, week.Leads, week.HighUrgency })),
            Jsonb(report.LanguageRatio), report.EngagementScore,
            Jsonb(new { report.Insights.En, report.Insights.Fr, Source = report.InsightsSource, Model = report.InsightsModel, WrittenAt = report.InsightsWrittenAt }),
            report.AnalyzedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Npgsql.NpgsqlParameter Jsonb(object value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value, SnakeCase) };

    private static Npgsql.NpgsqlParameter Numeric(decimal? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Numeric, Value = value is { } number ? number : DBNull.Value };
}

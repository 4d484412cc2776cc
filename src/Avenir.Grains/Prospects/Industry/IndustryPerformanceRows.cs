namespace Avenir.Grains.Prospects.Industry;

/// <summary>The <c>prospect_industry_performance</c> row as <see cref="IndustryPerformanceGrain"/> keeps it.</summary>
public sealed record IndustryPerformanceRow(
    int TotalContacted, int TotalOpened, int TotalReplied, decimal? AvgResponseTimeHours, int ResponseTimeSamples);

/// <summary><see cref="IndustryPerformanceGrain"/>'s statements (V11, V72; system transactions: agency data).</summary>
public static class IndustryPerformanceRows
{
    public static Task<IndustryPerformanceRow?> FindAsync(TenantTransaction transaction, string industry, CancellationToken cancellationToken) =>
        transaction.QuerySingleOrDefaultAsync<IndustryPerformanceRow>(
            """
            SELECT total_contacted, total_opened, total_replied, avg_response_time_hours, response_time_samples
              FROM prospect_industry_performance WHERE industry = @industry
            """,
            new { industry }, cancellationToken);

    /// <summary>Claims the event; false when it was counted before.</summary>
    public static async Task<bool> ClaimEventAsync(
        TenantTransaction transaction, Guid emailId, string action, string industry, Guid prospectId, DateTimeOffset occurredAt, DateTimeOffset now) =>
        await transaction.ExecuteAsync(
            """
            INSERT INTO prospect_industry_events (email_id, action, industry, prospect_id, occurred_at, counted_at)
            VALUES (@emailId, @action, @industry, @prospectId, @occurredAt, @now)
            ON CONFLICT (email_id, action) DO NOTHING
            """,
            new { emailId, action, industry, prospectId, occurredAt, now }) == 1;

    public static Task<int> UpsertAsync(TenantTransaction transaction, string industry, IndustryPerformanceRow row, decimal openRate,
        decimal replyRate, decimal priority, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO prospect_industry_performance (industry, total_contacted, total_opened, total_replied, open_rate, reply_rate,
                avg_response_time_hours, response_time_samples, priority_score, last_updated, created_at, updated_at)
            VALUES (@industry, @TotalContacted, @TotalOpened, @TotalReplied, @openRate, @replyRate,
                @AvgResponseTimeHours, @ResponseTimeSamples, @priority, @now, @now, @now)
            ON CONFLICT (industry) DO UPDATE
               SET total_contacted = excluded.total_contacted, total_opened = excluded.total_opened,
                   total_replied = excluded.total_replied, open_rate = excluded.open_rate, reply_rate = excluded.reply_rate,
                   avg_response_time_hours = excluded.avg_response_time_hours,
                   response_time_samples = excluded.response_time_samples, priority_score = excluded.priority_score,
                   last_updated = excluded.last_updated, updated_at = excluded.updated_at
            """,
            new
            {
                industry, row.TotalContacted, row.TotalOpened, row.TotalReplied, openRate, replyRate, row.AvgResponseTimeHours,
                row.ResponseTimeSamples, priority, now,
            });
}

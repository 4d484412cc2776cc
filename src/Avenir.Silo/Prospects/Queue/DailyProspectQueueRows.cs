namespace Avenir.Silo.Prospects.Queue;

/// <summary>
/// The <c>daily_prospect_queue</c> job's statements (V71; system transactions: agency data). The day's row is claimed
/// first, in the same transaction as the selection: a second run of the same day finds it and selects nothing.
/// </summary>
public static class DailyProspectQueueRows
{
    /// <summary>Claims the day; false when it was already selected.</summary>
    public static async Task<bool> ClaimDayAsync(
        TenantTransaction transaction, DateOnly day, Guid jobId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await transaction.ExecuteAsync(
            """
            INSERT INTO prospect_daily_queue_days (queue_date, selected, job_id, selected_at) VALUES (@day, 0, @jobId, @now)
            ON CONFLICT (queue_date) DO NOTHING
            """,
            new { day, jobId, now }, cancellationToken) == 1;

    /// <summary>
    /// Selects and stores the day's prospects: never queued before, uncontacted, not do-not-contact nor suppressed,
    /// round robin over industries (round k takes each industry's k-th best; a round is ordered by score), at most
    /// <paramref name="size"/>. Returns how many were queued.
    /// </summary>
    public static async Task<int> SelectAsync(TenantTransaction transaction, DateOnly day, int size, CancellationToken cancellationToken)
    {
        var selected = await transaction.ExecuteAsync(
            """
            INSERT INTO prospect_daily_queue (queue_date, position, prospect_id, industry, score)
            SELECT @day, row_number() OVER (ORDER BY round, score DESC NULLS LAST, id), id, industry, score
              FROM (SELECT p.id, p.industry, p.automation_need_score AS score,
                           row_number() OVER (PARTITION BY lower(coalesce(p.industry, ''))
                                              ORDER BY p.automation_need_score DESC NULLS LAST, p.id) AS round
                      FROM prospect_candidates p
                     WHERE NOT p.contacted AND NOT p.do_not_contact
                       AND NOT EXISTS (SELECT 1 FROM prospect_daily_queue q WHERE q.prospect_id = p.id)
                       AND NOT EXISTS (SELECT 1 FROM outreach_suppressions s WHERE s.prospect_id = p.id)) ranked
             ORDER BY round, score DESC NULLS LAST, id
             LIMIT @size
            """,
            new { day, size }, cancellationToken);
        await transaction.ExecuteAsync(
            "UPDATE prospect_daily_queue_days SET selected = @selected WHERE queue_date = @day", new { day, selected }, cancellationToken);
        return selected;
    }

    public static Task<int?> SelectedAsync(TenantTransaction transaction, DateOnly day, CancellationToken cancellationToken) =>
        transaction.ExecuteScalarAsync<int?>("SELECT selected FROM prospect_daily_queue_days WHERE queue_date = @day", new { day }, cancellationToken);
}

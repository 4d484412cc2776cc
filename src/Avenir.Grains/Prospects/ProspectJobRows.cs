using Avenir.Contracts.Jobs;

namespace Avenir.Grains.Prospects;

/// <summary>Enqueues prospect jobs in the caller's system transaction.</summary>
public static class ProspectJobRows
{
    /// <summary>A rescore pages through its prospects set-based; 34,823 rows take seconds, the budget is for slow machines.</summary>
    public const int RescoreTimeoutSeconds = 300;

    /// <summary>Enqueues a job and returns its id (null: the dedupe key exists).</summary>
    public static Task<Guid?> EnqueueAsync<TPayload>(
        TenantTransaction transaction, string jobType, TPayload payload, string dedupeKey, DateTimeOffset runAfter, int maxAttempts, int timeoutSeconds) =>
        transaction.ExecuteScalarAsync<Guid?>(
            """
            INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, max_attempts, timeout_seconds, created_at, updated_at)
            VALUES (@jobType, @payload, @dedupeKey, @runAfter, @maxAttempts, @timeoutSeconds, @runAfter, @runAfter)
            ON CONFLICT (job_type, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            RETURNING id
            """,
            new { jobType, payload = Sql.Jsonb(payload), dedupeKey, runAfter, maxAttempts, timeoutSeconds });

    /// <summary>The <c>prospect_similarity</c> job, unless one is waiting.</summary>
    public static Task<Guid> EnqueueSimilarityAsync(TenantTransaction transaction, DateTimeOffset now) =>
        EnqueueUnlessWaitingAsync(transaction, ProspectJobTypes.Similarity, new ProspectSimilarityPayload(), now, maxAttempts: 5, timeoutSeconds: 300);

    /// <summary>A <c>prospect_rescore</c> job of one industry (null: all prospects), unless one is waiting.</summary>
    public static Task<Guid> EnqueueRescoreAsync(TenantTransaction transaction, string? industry, DateTimeOffset now) =>
        EnqueueUnlessWaitingAsync(transaction, ProspectJobTypes.Rescore, new ProspectRescorePayload(industry), now, maxAttempts: 3,
            RescoreTimeoutSeconds);

    /// <summary>
    /// Enqueues a job unless one of this type and payload is still pending, and returns the id of the job that will run.
    /// Not the dedupe key: it is unique among all jobs ever, and these jobs must run again whenever new work arrives after
    /// one started. The transaction-scoped advisory lock makes concurrent callers see each other's committed job.
    /// </summary>
    public static async Task<Guid> EnqueueUnlessWaitingAsync<TPayload>(
        TenantTransaction transaction, string jobType, TPayload payload, DateTimeOffset runAfter, int maxAttempts, int timeoutSeconds)
    {
        var json = Sql.Jsonb(payload);
        await transaction.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(hashtext('queue_jobs:' || @jobType || ':' || @payload::text))", new { jobType, payload = json });
        return await transaction.ExecuteScalarAsync<Guid>(
            """
            WITH waiting AS (
                SELECT id FROM queue_jobs WHERE job_type = @jobType AND status = @pending AND payload = @payload ORDER BY created_at LIMIT 1),
            inserted AS (
                INSERT INTO queue_jobs (job_type, payload, run_after, max_attempts, timeout_seconds, created_at, updated_at)
                SELECT @jobType, @payload, @runAfter, @maxAttempts, @timeoutSeconds, @runAfter, @runAfter
                 WHERE NOT EXISTS (SELECT 1 FROM waiting)
                RETURNING id)
            SELECT id FROM inserted UNION ALL SELECT id FROM waiting
            """,
            new { jobType, payload = json, runAfter, maxAttempts, timeoutSeconds, pending = JobStatuses.Pending });
    }
}

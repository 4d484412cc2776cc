namespace Avenir.Grains.Prospects;

/// <summary>Enqueues a prospect job in the caller's system transaction and returns its id (null: the dedupe key exists).</summary>
public static class ProspectJobRows
{
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
}

namespace Avenir.Grains.Jobs;

/// <summary>
/// Enqueues jobs inside the caller's transaction (transactional outbox): the job exists exactly when the
/// change that asked for it is committed. A tenant transaction may enqueue only jobs whose payload names
/// its own client (policy <c>tenant_enqueue</c>, migration V14).
/// </summary>
public static class JobRows
{
    /// <summary>
    /// Adds a pending job. <paramref name="dedupeKey"/> is unique per job type: enqueueing the same job
    /// twice fails the transaction instead of doubling the work. (No <c>ON CONFLICT DO NOTHING</c>: under
    /// row-level security it needs read access to the existing row, which a tenant does not have.)
    /// </summary>
    public static Task EnqueueAsync<TPayload>(TenantTransaction transaction, string jobType, TPayload payload, string dedupeKey, DateTimeOffset runAfter) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, created_at, updated_at)
            VALUES (@jobType, @payload, @dedupeKey, @runAfter, @runAfter, @runAfter)
            """,
            new { jobType, payload = Sql.Jsonb(payload), dedupeKey, runAfter });
}

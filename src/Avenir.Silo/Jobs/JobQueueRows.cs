using Avenir.Contracts.Jobs;

namespace Avenir.Silo.Jobs;

/// <summary>
/// The <c>queue_jobs</c> statements of <see cref="JobQueue"/>, each in a system transaction (the table is agency-only
/// under row-level security). Every transition of a claimed job is guarded by its lease (<c>locked_by</c> and
/// <c>attempts</c>), so a worker whose lease expired and was reclaimed can no longer change the job.
/// </summary>
internal static class JobQueueRows
{
    /// <summary>
    /// The claim of the rows a statement's <c>picked</c> CTE chose (id, previous status and owner): running under this
    /// worker's lease, one more attempt, a reclaimed lease noted in <c>last_error</c>. Shared by the single and batch claims.
    /// </summary>
    private const string ClaimPicked =
        """
        UPDATE queue_jobs AS q
        SET status = @running,
            attempts = q.attempts + 1,
            locked_by = @workerId,
            locked_until = @now + make_interval(secs => @leaseSeconds),
            started_at = @now,
            progress = 0,
            progress_message = NULL,
            last_error = CASE WHEN picked.previous_status = @running
                              THEN 'Lease expired: worker ' || picked.previous_owner || ' stopped without finishing attempt ' || q.attempts || '.'
                              ELSE q.last_error END,
            updated_at = @now
        FROM picked
        WHERE q.id = picked.id
        RETURNING q.id, q.job_type, q.payload, q.attempts AS attempt, q.max_attempts, q.timeout_seconds, q.locked_until, q.created_at,
                  CASE WHEN picked.previous_status = @running THEN picked.previous_owner END AS reclaimed_from
        """;
    /// <summary>
    /// Claims up to <paramref name="limit"/> due or abandoned jobs (<c>FOR UPDATE SKIP LOCKED</c>: concurrent workers claim
    /// different jobs without waiting for one another, and never the same job).
    /// </summary>
    public static async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(TenantTransaction transaction, string workerId, int limit, DateTimeOffset now,
        TimeSpan lease, IReadOnlyCollection<string>? jobTypes, CancellationToken cancellationToken)
    {
        var rows = await transaction.QueryAsync<ClaimedRow>(
            $$"""
            WITH picked AS (
                SELECT id, status AS previous_status, locked_by AS previous_owner
                FROM queue_jobs
                WHERE ((status = @pending AND run_after <= @now) OR (status = @running AND locked_until < @now))
                  AND (@jobTypes::text[] IS NULL OR job_type = ANY (@jobTypes))
                ORDER BY run_after, created_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED
            )
            {{ClaimPicked}}
            """,
            new
            {
                now,
                workerId,
                limit,
                jobTypes = jobTypes?.ToArray(),
                leaseSeconds = lease.TotalSeconds,
                pending = JobStatuses.Pending,
                running = JobStatuses.Running,
            },
            cancellationToken);
        return [.. rows.Select(row => new ClaimedJob(row.Id, row.JobType, row.Payload, row.Attempt, row.MaxAttempts,
            TimeSpan.FromSeconds(row.TimeoutSeconds), workerId, row.LockedUntil, row.CreatedAt, row.ReclaimedFrom))];
    }

    /// <summary>
    /// Claims the oldest due or abandoned job and, when its type is one of <paramref name="batchSizes"/>' keys, up to that many
    /// due jobs of the same type with it, in one statement (<c>FOR UPDATE SKIP LOCKED</c> on both picks: concurrent workers
    /// claim different jobs, never the same one). Other types are claimed one at a time, as <see cref="ClaimAsync"/> with 1.
    /// </summary>
    public static async Task<IReadOnlyList<ClaimedJob>> ClaimBatchAsync(TenantTransaction transaction, string workerId, DateTimeOffset now,
        TimeSpan lease, IReadOnlyDictionary<string, int> batchSizes, IReadOnlyCollection<string>? jobTypes, CancellationToken cancellationToken)
    {
        var rows = await transaction.QueryAsync<ClaimedRow>(
            $$"""
            WITH head AS (
                SELECT id, job_type
                FROM queue_jobs
                WHERE ((status = @pending AND run_after <= @now) OR (status = @running AND locked_until < @now))
                  AND (@jobTypes::text[] IS NULL OR job_type = ANY (@jobTypes))
                ORDER BY run_after, created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            ), picked AS (
                -- The head row is locked by this statement already, so SKIP LOCKED does not skip it; it sorts first.
                SELECT q.id, q.status AS previous_status, q.locked_by AS previous_owner
                FROM queue_jobs AS q
                JOIN head ON q.job_type = head.job_type
                WHERE ((q.status = @pending AND q.run_after <= @now) OR (q.status = @running AND q.locked_until < @now))
                ORDER BY q.run_after, q.created_at
                LIMIT (SELECT coalesce(max(b.size), 1) FROM head, unnest(@batchTypes::text[], @batchSizes::int[]) AS b (job_type, size)
                        WHERE b.job_type = head.job_type)
                FOR UPDATE OF q SKIP LOCKED
            )
            {{ClaimPicked}}
            """,
            new
            {
                now,
                workerId,
                jobTypes = jobTypes?.ToArray(),
                batchTypes = batchSizes.Keys.ToArray(),
                batchSizes = batchSizes.Keys.Select(type => batchSizes[type]).ToArray(),
                leaseSeconds = lease.TotalSeconds,
                pending = JobStatuses.Pending,
                running = JobStatuses.Running,
            },
            cancellationToken);
        return [.. rows.OrderBy(row => row.CreatedAt).Select(row => new ClaimedJob(row.Id, row.JobType, row.Payload, row.Attempt, row.MaxAttempts,
            TimeSpan.FromSeconds(row.TimeoutSeconds), workerId, row.LockedUntil, row.CreatedAt, row.ReclaimedFrom))];
    }

    /// <summary>
    /// Running → completed for several jobs of this worker in one statement, each guarded by its own lease. Returns the ids
    /// completed; a job missing from them had lost its lease.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> CompleteManyAsync(
        TenantTransaction transaction, IReadOnlyList<(ClaimedJob Job, JsonElement? Result)> jobs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await transaction.QueryAsync<Guid>(
            """
            UPDATE queue_jobs AS q
            SET status = @completed, result = done.result::jsonb, progress = 100, completed_at = @now, updated_at = @now,
                locked_by = NULL, locked_until = NULL
            FROM unnest(@ids::uuid[], @owners::text[], @attempts::int[], @results::text[]) AS done (id, owner, attempt, result)
            WHERE q.id = done.id AND q.status = @running AND q.locked_by = done.owner AND q.attempts = done.attempt
            RETURNING q.id
            """,
            new
            {
                ids = jobs.Select(j => j.Job.Id).ToArray(),
                owners = jobs.Select(j => j.Job.LockedBy).ToArray(),
                attempts = jobs.Select(j => j.Job.Attempt).ToArray(),
                results = jobs.Select(j => j.Result?.GetRawText()).ToArray(),
                completed = JobStatuses.Completed,
                running = JobStatuses.Running,
                now,
            },
            cancellationToken);
        return ids.ToHashSet();
    }

    /// <summary>Extends the lease to <paramref name="until"/>; false when it was lost (another worker reclaimed the job).</summary>
    public static async Task<bool> RenewLeaseAsync(
        TenantTransaction transaction, ClaimedJob job, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken) =>
        await transaction.ExecuteAsync(
            """
            UPDATE queue_jobs SET locked_until = @until, updated_at = @now
             WHERE id = @Id AND status = @running AND locked_by = @LockedBy AND attempts = @Attempt
            """,
            new { job.Id, job.LockedBy, job.Attempt, until, now, running = JobStatuses.Running }, cancellationToken) == 1;

    /// <summary>Running → completed with the result.</summary>
    public static Task<bool> CompleteAsync(
        TenantTransaction transaction, ClaimedJob job, JsonElement? result, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(transaction, job,
            """
            UPDATE queue_jobs SET status = @completed, result = @result, progress = 100, completed_at = @now, updated_at = @now,
                   locked_by = NULL, locked_until = NULL
            """,
            new { completed = JobStatuses.Completed, result = Sql.Jsonb(result), now }, cancellationToken);

    /// <summary>Running → pending until <paramref name="runAfter"/>, the attempt counted.</summary>
    public static Task<bool> RetryAsync(
        TenantTransaction transaction, ClaimedJob job, string error, DateTimeOffset runAfter, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(transaction, job,
            """
            UPDATE queue_jobs SET status = @pending, last_error = @error, run_after = @runAfter, updated_at = @now,
                   locked_by = NULL, locked_until = NULL
            """,
            new { pending = JobStatuses.Pending, error, runAfter, now }, cancellationToken);

    /// <summary>Running → failed with <paramref name="error"/>.</summary>
    public static Task<bool> FailAsync(TenantTransaction transaction, ClaimedJob job, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(transaction, job,
            """
            UPDATE queue_jobs SET status = @failed, error = @error, last_error = @error, completed_at = @now, updated_at = @now,
                   locked_by = NULL, locked_until = NULL
            """,
            new { failed = JobStatuses.Failed, error, now }, cancellationToken);

    /// <summary>Running → pending until <paramref name="runAfter"/>, the attempt not counted.</summary>
    public static Task<bool> ReleaseAsync(
        TenantTransaction transaction, ClaimedJob job, DateTimeOffset runAfter, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(transaction, job,
            """
            UPDATE queue_jobs SET status = @pending, attempts = attempts - 1, run_after = @runAfter, progress_message = @reason, updated_at = @now,
                   locked_by = NULL, locked_until = NULL
            """,
            new { pending = JobStatuses.Pending, runAfter, reason, now }, cancellationToken);

    public static Task<bool> ReportProgressAsync(
        TenantTransaction transaction, ClaimedJob job, double percent, string? message, CancellationToken cancellationToken) =>
        TransitionAsync(transaction, job,
            "UPDATE queue_jobs SET progress = @progress, progress_message = @message",
            new { progress = Math.Round((decimal)percent, 2), message }, cancellationToken);

    /// <summary>Adds a pending job; null when a job with the same type and dedupe key exists.</summary>
    public static Task<Guid?> EnqueueAsync(TenantTransaction transaction, string jobType, JsonElement payload, DateTimeOffset runAfter, string? dedupeKey,
        int maxAttempts, int timeoutSeconds, CancellationToken cancellationToken) =>
        transaction.ExecuteScalarAsync<Guid?>(
            """
            INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, max_attempts, timeout_seconds, created_at, updated_at)
            VALUES (@jobType, @payload, @dedupeKey, @runAfter, @maxAttempts, @timeoutSeconds, @runAfter, @runAfter)
            ON CONFLICT (job_type, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            RETURNING id
            """,
            new { jobType, payload = Sql.Jsonb(payload), dedupeKey, runAfter, maxAttempts, timeoutSeconds }, cancellationToken);

    /// <summary>Runs <paramref name="set"/> on the job while this worker still holds its lease; false when it does not.</summary>
    private static async Task<bool> TransitionAsync(
        TenantTransaction transaction, ClaimedJob job, string set, object values, CancellationToken cancellationToken)
    {
        var parameters = new Dapper.DynamicParameters(values);
        parameters.AddDynamicParams(new { job.Id, job.LockedBy, job.Attempt, leased = JobStatuses.Running });
        return await transaction.ExecuteAsync(
            set + " WHERE id = @Id AND status = @leased AND locked_by = @LockedBy AND attempts = @Attempt", parameters, cancellationToken) == 1;
    }

    private sealed record ClaimedRow(
        Guid Id, string JobType, JsonElement Payload, int Attempt, int MaxAttempts, int TimeoutSeconds, DateTimeOffset LockedUntil, DateTimeOffset CreatedAt,
        string? ReclaimedFrom);
}

using System.Text.Json;
using Avenir.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Silo.Jobs;

/// <summary>
/// The <c>queue_jobs</c> statements. Every one runs as system work (the table is agency-only under row-level
/// security) and every transition of a claimed job is guarded by its lease (<c>locked_by</c> and
/// <c>attempts</c>), so a worker whose lease expired and was reclaimed can no longer change the job.
/// Times come from the caller's <see cref="TimeProvider"/>, not from the database clock.
/// </summary>
public sealed class JobQueue(TenantDatabase database)
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> jobs that are due (<c>pending</c> with <c>run_after</c> passed) or
    /// abandoned (<c>running</c> with an expired lease: their worker crashed). <c>FOR UPDATE SKIP LOCKED</c> lets
    /// concurrent workers claim different jobs without waiting for one another, and never the same job.
    /// The lease lasts <paramref name="lease"/>; the runner renews it while the job runs (<see cref="RenewLeaseAsync"/>),
    /// so a crashed worker's job is reclaimed within one lease, not after the whole 300 s budget.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(
        string workerId, int limit, DateTimeOffset now, TimeSpan lease,
        IReadOnlyCollection<string>? jobTypes = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(
            """
            WITH picked AS (
                SELECT id, status AS previous_status, locked_by AS previous_owner
                FROM queue_jobs
                WHERE ((status = 'pending' AND run_after <= $1) OR (status = 'running' AND locked_until < $1))
                  AND ($4::text[] IS NULL OR job_type = ANY ($4))
                ORDER BY run_after, created_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED
            )
            UPDATE queue_jobs AS q
            SET status = 'running',
                attempts = q.attempts + 1,
                locked_by = $2,
                locked_until = $1 + make_interval(secs => $5),
                started_at = $1,
                progress = 0,
                progress_message = NULL,
                last_error = CASE WHEN picked.previous_status = 'running'
                                  THEN 'Lease expired: worker ' || picked.previous_owner || ' stopped without finishing attempt ' || q.attempts || '.'
                                  ELSE q.last_error END,
                updated_at = $1
            FROM picked
            WHERE q.id = picked.id
            RETURNING q.id, q.job_type, q.payload::text, q.attempts, q.max_attempts, q.timeout_seconds, q.locked_until, q.created_at,
                      CASE WHEN picked.previous_status = 'running' THEN picked.previous_owner END
            """,
            now, workerId, limit,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = (object?)jobTypes?.ToArray() ?? DBNull.Value },
            lease.TotalSeconds);
        var claimed = new List<ClaimedJob>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedJob(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    JsonDocument.Parse(reader.GetString(2)).RootElement.Clone(),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    TimeSpan.FromSeconds(reader.GetInt32(5)),
                    workerId,
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetFieldValue<DateTimeOffset>(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Extends this worker's lease on a running job to <paramref name="until"/>. False when the lease was lost,
    /// i.e. another worker reclaimed the job (which changes <c>locked_by</c> and <c>attempts</c>). A renewal that
    /// comes late but before any takeover still succeeds: nobody else owns the job.
    /// </summary>
    public async Task<bool> RenewLeaseAsync(ClaimedJob job, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(
            """
            UPDATE queue_jobs SET locked_until = $4, updated_at = $5
            WHERE id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $3
            """,
            job.Id, job.LockedBy, job.Attempt, until, now);
        var renewed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return renewed;
    }

    /// <summary>Ends the job <c>completed</c> with its result. False when the lease was lost.</summary>
    public Task<bool> CompleteAsync(ClaimedJob job, JsonElement? result, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        TransitionAsync(job,
            """
            UPDATE queue_jobs SET status = 'completed', result = $3, progress = 100, completed_at = $4, updated_at = $4,
                   locked_by = NULL, locked_until = NULL
            WHERE id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $5
            """,
            [Jsonb(result), now, job.Attempt],
            cancellationToken);

    /// <summary>The attempt failed and another one is allowed: back to <c>pending</c> until <paramref name="runAfter"/>.</summary>
    public Task<bool> RetryAsync(ClaimedJob job, string error, DateTimeOffset runAfter, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        TransitionAsync(job,
            """
            UPDATE queue_jobs SET status = 'pending', last_error = $3, run_after = $4, updated_at = $5,
                   locked_by = NULL, locked_until = NULL
            WHERE id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $6
            """,
            [error, runAfter, now, job.Attempt],
            cancellationToken);

    /// <summary>The last attempt failed: the job ends <c>failed</c> with <paramref name="error"/>.</summary>
    public Task<bool> FailAsync(ClaimedJob job, string error, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        TransitionAsync(job,
            """
            UPDATE queue_jobs SET status = 'failed', error = $3, last_error = $3, completed_at = $4, updated_at = $4,
                   locked_by = NULL, locked_until = NULL
            WHERE id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $5
            """,
            [error, now, job.Attempt],
            cancellationToken);

    /// <summary>
    /// Gives the job back without counting the attempt: the handler asked to run later
    /// (<see cref="JobResult.Reschedule"/>) or the silo is stopping.
    /// </summary>
    public Task<bool> ReleaseAsync(ClaimedJob job, DateTimeOffset runAfter, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        TransitionAsync(job,
            """
            UPDATE queue_jobs SET status = 'pending', attempts = attempts - 1, run_after = $3, progress_message = $4, updated_at = $5,
                   locked_by = NULL, locked_until = NULL
            WHERE id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $6
            """,
            [runAfter, reason, now, job.Attempt],
            cancellationToken);

    public Task<bool> ReportProgressAsync(ClaimedJob job, double percent, string? message, CancellationToken cancellationToken = default) =>
        TransitionAsync(job,
            """
            UPDATE queue_jobs SET progress = $3, progress_message = $4
            WHERE id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $5
            """,
            [Math.Round((decimal)percent, 2), message, job.Attempt],
            cancellationToken);

    /// <summary>
    /// Adds a pending job as system work (agency jobs, tests). Work that follows a tenant's change is
    /// enqueued in that change's transaction instead (<c>JobRows.EnqueueAsync</c>). Returns the job id, or
    /// null when a job with the same type and <paramref name="dedupeKey"/> already exists.
    /// </summary>
    public async Task<Guid?> EnqueueAsync(
        string jobType, object payload, DateTimeOffset runAfter, string? dedupeKey = null,
        int maxAttempts = 5, int timeoutSeconds = 300, CancellationToken cancellationToken = default)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(
            """
            INSERT INTO queue_jobs (job_type, payload, dedupe_key, run_after, max_attempts, timeout_seconds, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $4, $4)
            ON CONFLICT (job_type, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            RETURNING id
            """,
            jobType, Jsonb(JsonSerializer.SerializeToElement(payload, JobContext.PayloadJson)), dedupeKey, runAfter, maxAttempts, timeoutSeconds);
        var id = await command.ExecuteScalarAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id as Guid?;
    }

    private async Task<bool> TransitionAsync(ClaimedJob job, string sql, object?[] rest, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(sql, [job.Id, job.LockedBy, .. rest]);
        var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static NpgsqlParameter Jsonb(JsonElement? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = value is { } json ? json.GetRawText() : DBNull.Value };
}

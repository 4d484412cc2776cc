namespace Avenir.Silo.Jobs;

/// <summary>
/// The job queue (<c>queue_jobs</c>): each operation one system transaction of <see cref="JobQueueRows"/>. Times come
/// from the caller's <see cref="TimeProvider"/>, not from the database clock.
/// </summary>
public sealed class JobQueue(TenantDatabase database)
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> jobs that are due (<c>pending</c> with <c>run_after</c> passed) or
    /// abandoned (<c>running</c> with an expired lease: their worker crashed). Concurrent workers claim different jobs
    /// without waiting for one another, and never the same job. The lease lasts <paramref name="lease"/>; the runner
    /// renews it while the job runs (<see cref="RenewLeaseAsync"/>), so a crashed worker's job is reclaimed within one
    /// lease, not after the whole 300 s budget.
    /// </summary>
    public Task<IReadOnlyList<ClaimedJob>> ClaimAsync(
        string workerId, int limit, DateTimeOffset now, TimeSpan lease,
        IReadOnlyCollection<string>? jobTypes = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.ClaimAsync(transaction, workerId, limit, now, lease, jobTypes, cancellationToken), cancellationToken);

    /// <summary>
    /// Claims the oldest due or abandoned job and, when its type has a batch size in <paramref name="batchSizes"/>, up to that
    /// many due jobs of that type with it (one statement; see <see cref="JobQueueRows.ClaimBatchAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<ClaimedJob>> ClaimBatchAsync(
        string workerId, DateTimeOffset now, TimeSpan lease, IReadOnlyDictionary<string, int> batchSizes,
        IReadOnlyCollection<string>? jobTypes = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync(
            transaction => JobQueueRows.ClaimBatchAsync(transaction, workerId, now, lease, batchSizes, jobTypes, cancellationToken), cancellationToken);

    /// <summary>Ends several jobs <c>completed</c> in one statement; returns the ids completed (the others had lost their lease).</summary>
    public Task<IReadOnlySet<Guid>> CompleteManyAsync(
        IReadOnlyList<(ClaimedJob Job, JsonElement? Result)> jobs, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.CompleteManyAsync(transaction, jobs, now, cancellationToken), cancellationToken);

    /// <summary>
    /// Extends this worker's lease on a running job to <paramref name="until"/>. False when the lease was lost,
    /// i.e. another worker reclaimed the job (which changes <c>locked_by</c> and <c>attempts</c>). A renewal that
    /// comes late but before any takeover still succeeds: nobody else owns the job.
    /// </summary>
    public Task<bool> RenewLeaseAsync(ClaimedJob job, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.RenewLeaseAsync(transaction, job, until, now, cancellationToken), cancellationToken);

    /// <summary>Ends the job <c>completed</c> with its result. False when the lease was lost.</summary>
    public Task<bool> CompleteAsync(ClaimedJob job, JsonElement? result, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.CompleteAsync(transaction, job, result, now, cancellationToken), cancellationToken);

    /// <summary>The attempt failed and another one is allowed: back to <c>pending</c> until <paramref name="runAfter"/>.</summary>
    public Task<bool> RetryAsync(ClaimedJob job, string error, DateTimeOffset runAfter, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.RetryAsync(transaction, job, error, runAfter, now, cancellationToken), cancellationToken);

    /// <summary>The last attempt failed: the job ends <c>failed</c> with <paramref name="error"/>.</summary>
    public Task<bool> FailAsync(ClaimedJob job, string error, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.FailAsync(transaction, job, error, now, cancellationToken), cancellationToken);

    /// <summary>
    /// Gives the job back without counting the attempt: the handler asked to run later
    /// (<see cref="JobResult.Reschedule"/>) or the silo is stopping.
    /// </summary>
    public Task<bool> ReleaseAsync(
        ClaimedJob job, DateTimeOffset runAfter, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.ReleaseAsync(transaction, job, runAfter, reason, now, cancellationToken), cancellationToken);

    public Task<bool> ReportProgressAsync(ClaimedJob job, double percent, string? message, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.ReportProgressAsync(transaction, job, percent, message, cancellationToken), cancellationToken);

    /// <summary>
    /// Adds a pending job as system work (agency jobs, tests). Work that follows a tenant's change is
    /// enqueued in that change's transaction instead (<c>JobRows.EnqueueAsync</c>). Returns the job id, or
    /// null when a job with the same type and <paramref name="dedupeKey"/> already exists.
    /// </summary>
    public Task<Guid?> EnqueueAsync(
        string jobType, object payload, DateTimeOffset runAfter, string? dedupeKey = null,
        int maxAttempts = 5, int timeoutSeconds = 300, CancellationToken cancellationToken = default) =>
        InTransactionAsync(transaction => JobQueueRows.EnqueueAsync(transaction, jobType, JsonSerializer.SerializeToElement(payload, JobContext.PayloadJson),
            runAfter, dedupeKey, maxAttempts, timeoutSeconds, cancellationToken), cancellationToken);

    private async Task<T> InTransactionAsync<T>(Func<TenantTransaction, Task<T>> statement, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var result = await statement(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

namespace Avenir.Silo.Jobs;

/// <summary>
/// Claims one due job and runs it to an outcome: completed, rescheduled, retried with back-off, or failed
/// with its error after the last attempt. The attempt runs under a cancellation token that fires when the
/// job's time budget (<c>timeout_seconds</c>, measured on the <see cref="TimeProvider"/>) runs out; a handler
/// that ignores its token is abandoned at that point and the attempt counts as timed out.
/// </summary>
public sealed partial class JobRunner(
    JobQueue queue,
    IServiceScopeFactory scopes,
    TimeProvider time,
    JobMetrics metrics,
    IOptions<JobOptions> options,
    ILogger<JobRunner> logger)
{
    /// <summary>First pause before an outcome that PostgreSQL did not take is written again; doubled each time, up to the next.</summary>
    private static readonly TimeSpan OutcomeRetryDelay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan OutcomeRetryMaxDelay = TimeSpan.FromSeconds(4);

    /// <summary>Used for back-off jitter; replaceable so tests can pin it.</summary>
    public Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// Claims and runs at most one job, or one batch of jobs of a type whose handler runs several together
    /// (<see cref="IBatchJobHandler"/>). Returns false when no job was due.
    /// <paramref name="stopping"/> is the host's stop signal: a job interrupted by it is given back
    /// without using up an attempt.
    /// </summary>
    public async Task<bool> RunOnceAsync(string workerId, CancellationToken stopping, IReadOnlyCollection<string>? jobTypes = null)
    {
        var sizes = await BatchSizesAsync();
        var claimed = await queue.ClaimBatchAsync(workerId, time.GetUtcNow(), options.Value.Lease, sizes, jobTypes, stopping);
        if (claimed.Count == 0)
        {
            return false;
        }

        if (claimed.Count == 1)
        {
            await RunAsync(claimed[0], stopping);
        }
        else
        {
            await RunBatchAsync(claimed, stopping);
        }

        return true;
    }

    /// <summary>
    /// Counts a claimed job and says whether it may run: a job whose worker died during its last allowed attempt
    /// (reclaimed past its maximum) is failed here, since nothing may run it again.
    /// </summary>
    private async Task<bool> AcceptAsync(ClaimedJob job)
    {
        metrics.Claimed(job);
        if (job.ReclaimedFrom is not null)
        {
            logger.LogWarning("Job {JobId} ({JobType}) reclaimed from {Worker}, whose lease expired; attempt {Attempt} of {MaxAttempts}",
                job.Id, job.JobType, job.ReclaimedFrom, job.Attempt, job.MaxAttempts);
        }

        if (job.Attempt > job.MaxAttempts)
        {
            await EndFailedAsync(
                job, $"Lease expired: worker {job.ReclaimedFrom} stopped during the last attempt ({job.MaxAttempts} of {job.MaxAttempts}).", TimeSpan.Zero);
            return false;
        }

        return true;
    }

    /// <summary>Runs a job this worker has claimed and records its outcome.</summary>
    public async Task RunAsync(ClaimedJob job, CancellationToken stopping)
    {
        if (!await AcceptAsync(job))
        {
            return;
        }

        var started = time.GetTimestamp();
        using var budget = new CancellationTokenSource(job.Timeout, time);
        using var leaseLost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, stopping, leaseLost.Token);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var renewal = RenewLeaseWhileRunningAsync(job, leaseLost, renewing.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.JobType == job.JobType)
                ?? throw new UnknownJobTypeException(job.JobType, scope.ServiceProvider.GetServices<IJobHandler>().Select(h => h.JobType));

            var context = new JobContext(job, queue);
            var result = await handler.HandleAsync(context, linked.Token).WaitAsync(linked.Token);
            var elapsed = time.GetElapsedTime(started);
            if (result.RescheduleAfter is { } delay)
            {
                metrics.Ran(job, elapsed, "rescheduled");
                var now = time.GetUtcNow();
                if (!await RecordAsync(job, () => queue.ReleaseAsync(job, now + delay, result.Reason, now, CancellationToken.None)))
                {
                    LogLostLease(job);
                }

                logger.LogInformation("Job {JobId} ({JobType}) rescheduled in {Delay}: {Reason}", job.Id, job.JobType, delay, result.Reason);
                return;
            }

            metrics.Ran(job, elapsed, "completed");
            if (await RecordAsync(job, () => queue.CompleteAsync(job, result.Output, time.GetUtcNow(), CancellationToken.None)))
            {
                metrics.Completed(job);
                logger.LogInformation("Job {JobId} ({JobType}) completed in {Elapsed} ms (attempt {Attempt})",
                    job.Id, job.JobType, (long)elapsed.TotalMilliseconds, job.Attempt);
            }
            else
            {
                LogLostLease(job);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !budget.IsCancellationRequested)
        {
            // The silo is stopping: give the job back at once, without using up the attempt.
            metrics.Ran(job, time.GetElapsedTime(started), "released");
            var now = time.GetUtcNow();
            await queue.ReleaseAsync(job, now, "Released: the silo stopped during the attempt.", now, CancellationToken.None);
            logger.LogInformation("Job {JobId} ({JobType}) released: the silo is stopping", job.Id, job.JobType);
        }
        catch (Exception exception) when (budget.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Job {JobId} ({JobType}) ran out of its {Budget} s budget", job.Id, job.JobType, job.Timeout.TotalSeconds);
            await EndAttemptFailedAsync(job, $"Timed out: the attempt exceeded its budget of {job.Timeout.TotalSeconds:0} s.", time.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            logger.LogWarning(
                exception, "Job {JobId} ({JobType}) attempt {Attempt} of {MaxAttempts} failed", job.Id, job.JobType, job.Attempt, job.MaxAttempts);
            await EndAttemptFailedAsync(job, Describe(exception), time.GetElapsedTime(started));
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    /// <summary>
    /// Renews the lease every third of its length. A failed renewal (the database down, a timeout) is retried at the next
    /// tick; once the lease could expire before the tick after that, the attempt is cancelled, because another worker
    /// may then claim the job and run it again (for an auto-reply: send it again).
    /// </summary>
    private async Task RenewLeaseWhileRunningAsync(ClaimedJob job, CancellationTokenSource leaseLost, CancellationToken attemptEnded)
    {
        var lease = options.Value.Lease;
        var interval = lease / 3;
        var heldUntil = job.LockedUntil;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, attemptEnded);
                var now = time.GetUtcNow();
                bool renewed;
                try
                {
                    renewed = await queue.RenewLeaseAsync(job, now + lease, now, attemptEnded);
                }
                catch (Exception error) when (error is not OperationCanceledException || !attemptEnded.IsCancellationRequested)
                {
                    if (now + interval < heldUntil)
                    {
                        logger.LogWarning(error, "Job {JobId} ({JobType}): lease renewal failed; retrying while the lease holds until {HeldUntil}",
                            job.Id, job.JobType, heldUntil);
                        continue;
                    }

                    logger.LogError(error, "Job {JobId} ({JobType}): lease renewal failed and the lease ends at {HeldUntil}; the attempt is cancelled",
                        job.Id, job.JobType, heldUntil);
                    await leaseLost.CancelAsync();
                    return;
                }

                if (!renewed)
                {
                    LogLostLease(job);
                    await leaseLost.CancelAsync();
                    return;
                }

                heldUntil = now + lease;
            }
        }
        catch (OperationCanceledException) when (attemptEnded.IsCancellationRequested)
        {
            // the attempt ended: nothing more to renew
        }
    }

    private async Task EndAttemptFailedAsync(ClaimedJob job, string error, TimeSpan elapsed)
    {
        if (job.Attempt >= job.MaxAttempts)
        {
            await EndFailedAsync(job, error, elapsed);
            return;
        }

        metrics.Ran(job, elapsed, "retried");
        var settings = options.Value;
        var now = time.GetUtcNow();
        var delay = RetryBackoff.Delay(job.Attempt, settings.RetryBaseDelay, settings.MaxRetryDelay, Jitter());
        if (await RecordAsync(job, () => queue.RetryAsync(job, error, now + delay, now, CancellationToken.None)))
        {
            metrics.Retried(job);
        }
        else
        {
            LogLostLease(job);
        }
    }

    private async Task EndFailedAsync(ClaimedJob job, string error, TimeSpan elapsed)
    {
        metrics.Ran(job, elapsed, "failed");
        if (await RecordAsync(job, () => queue.FailAsync(job, error, time.GetUtcNow(), CancellationToken.None)))
        {
            metrics.Failed(job);
            logger.LogError("Job {JobId} ({JobType}) failed after {Attempts} attempt(s): {Error}", job.Id, job.JobType, job.Attempt, error);
        }
        else
        {
            LogLostLease(job);
        }
    }

    /// <summary>
    /// Writes an attempt's outcome, again while PostgreSQL is briefly unavailable (a restart, a failover), the lease being
    /// renewed meanwhile: left unwritten, a finished job would stay claimed until its lease ran out and then run again (an
    /// auto-reply would then end unconfirmed). Gives up after one lease's length, when another worker may have taken the job.
    /// </summary>
    private async Task<bool> RecordAsync(ClaimedJob job, Func<Task<bool>> write)
    {
        var giveUpAt = time.GetUtcNow() + options.Value.Lease;
        for (var failures = 1; ; failures++)
        {
            var pause = RetryBackoff.Ceiling(failures, OutcomeRetryDelay, OutcomeRetryMaxDelay);
            try
            {
                return await write();
            }
            catch (Exception exception) when (DatabaseOutage.Is(exception) && time.GetUtcNow() + pause < giveUpAt)
            {
                logger.LogWarning(exception, "Job {JobId} ({JobType}): PostgreSQL is unavailable; recording the outcome of attempt {Attempt} again in {Pause}",
                    job.Id, job.JobType, job.Attempt, pause);
                await Task.Delay(pause, time);
            }
        }
    }

    private void LogLostLease(ClaimedJob job) =>
        logger.LogWarning("Job {JobId} ({JobType}): this worker's lease ran out and another worker took the job; the outcome of attempt {Attempt} is dropped",
            job.Id, job.JobType, job.Attempt);

    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 2000 ? text : text[..2000];
    }
}

/// <summary>No handler is registered for a job's type on this silo.</summary>
public sealed class UnknownJobTypeException(string jobType, IEnumerable<string> known)
    : InvalidOperationException($"No handler is registered for job type '{jobType}' (registered: {string.Join(", ", known.Order())}).");

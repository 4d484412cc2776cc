namespace Avenir.Silo.Jobs;

/// <summary>
/// The batch path of <see cref="JobRunner"/>: several due jobs of a type whose handler runs them together
/// (<see cref="IBatchJobHandler"/>), claimed in one statement, run in one handler call and completed in one statement.
/// Each job keeps its own lease (renewed as a lone job's), its own outcome and its own retries.
/// </summary>
public sealed partial class JobRunner
{
    private IReadOnlyDictionary<string, int>? batchSizes;

    /// <summary>The batch size per job type whose handler runs several jobs together, read once from the registered handlers.</summary>
    private async Task<IReadOnlyDictionary<string, int>> BatchSizesAsync()
    {
        if (batchSizes is { } known)
        {
            return known;
        }

        var cap = options.Value.MaxBatch;
        await using var scope = scopes.CreateAsyncScope();
        return batchSizes = scope.ServiceProvider.GetServices<IJobHandler>().OfType<IBatchJobHandler>()
            .Where(handler => Math.Min(handler.MaxBatchSize, cap) > 1)
            .ToDictionary(handler => handler.JobType, handler => Math.Min(handler.MaxBatchSize, cap));
    }

    private async Task RunBatchAsync(IReadOnlyList<ClaimedJob> claimed, CancellationToken stopping)
    {
        var jobs = new List<ClaimedJob>(claimed.Count);
        foreach (var job in claimed)
        {
            if (!await AcceptAsync(job))
            {
                continue;
            }

            jobs.Add(job);
        }

        if (jobs.Count == 0)
        {
            return;
        }

        var started = time.GetTimestamp();
        // Claimed at the same instant: the batch runs under the shortest of its jobs' budgets, so that none overruns its own.
        using var budget = new CancellationTokenSource(jobs.Min(job => job.Timeout), time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, stopping);
        var leases = jobs.Select(job => new BatchLease(job, attempt.Token)).ToList();
        var renewals = leases.Select(lease => RenewLeaseWhileRunningAsync(lease.Job, lease.Lost, lease.Renewing.Token)).ToList();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().OfType<IBatchJobHandler>().FirstOrDefault(h => h.JobType == jobs[0].JobType)
                ?? throw new UnknownJobTypeException(jobs[0].JobType, scope.ServiceProvider.GetServices<IBatchJobHandler>().Select(h => h.JobType));
            var batch = leases.Select(lease => new BatchedJob(new JobContext(lease.Job, queue), lease.Attempt.Token)).ToList();
            var outcomes = await handler.HandleBatchAsync(batch, attempt.Token).WaitAsync(attempt.Token);
            if (outcomes.Count != jobs.Count)
            {
                throw new InvalidOperationException($"The {jobs[0].JobType} handler answered {outcomes.Count} outcomes for {jobs.Count} jobs.");
            }

            await RecordBatchAsync(jobs, outcomes, time.GetElapsedTime(started), stopping, budget.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !budget.IsCancellationRequested)
        {
            foreach (var job in jobs)
            {
                await ReleaseStoppedAsync(job, time.GetElapsedTime(started));
            }
        }
        catch (Exception exception) when (budget.IsCancellationRequested)
        {
            logger.LogWarning(exception, "A batch of {Count} {JobType} jobs ran out of its budget", jobs.Count, jobs[0].JobType);
            foreach (var job in jobs)
            {
                await EndAttemptFailedAsync(job, TimedOut(job), time.GetElapsedTime(started));
            }
        }
        catch (Exception exception)
        {
            // The handler broke as a whole (it should isolate its jobs): every attempt of the batch failed.
            logger.LogWarning(exception, "A batch of {Count} {JobType} jobs failed", jobs.Count, jobs[0].JobType);
            foreach (var job in jobs)
            {
                await EndAttemptFailedAsync(job, Describe(exception), time.GetElapsedTime(started));
            }
        }
        finally
        {
            foreach (var lease in leases)
            {
                await lease.Renewing.CancelAsync();
            }

            await Task.WhenAll(renewals);
            leases.ForEach(lease => lease.Dispose());
        }
    }

    /// <summary>Each job's outcome: the completed ones in one statement, failures, reschedules and releases one by one.</summary>
    private async Task RecordBatchAsync(
        List<ClaimedJob> jobs, IReadOnlyList<JobAttemptOutcome> outcomes, TimeSpan elapsed, CancellationToken stopping, CancellationToken budget)
    {
        var completed = new List<(ClaimedJob Job, JsonElement? Result)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (outcomes[i].Error is { } error)
            {
                if (error is OperationCanceledException && stopping.IsCancellationRequested && !budget.IsCancellationRequested)
                {
                    await ReleaseStoppedAsync(job, elapsed);
                }
                else
                {
                    logger.LogWarning(error, "Job {JobId} ({JobType}) attempt {Attempt} of {MaxAttempts} failed (in a batch of {Count})",
                        job.Id, job.JobType, job.Attempt, job.MaxAttempts, jobs.Count);
                    await EndAttemptFailedAsync(job, budget.IsCancellationRequested ? TimedOut(job) : Describe(error), elapsed);
                }
            }
            else if (outcomes[i].Result is { RescheduleAfter: { } delay } rescheduled)
            {
                metrics.Ran(job, elapsed, "rescheduled");
                var now = time.GetUtcNow();
                if (!await RecordAsync(job, () => queue.ReleaseAsync(job, now + delay, rescheduled.Reason, now, CancellationToken.None)))
                {
                    LogLostLease(job);
                }
            }
            else
            {
                metrics.Ran(job, elapsed, "completed");
                completed.Add((job, outcomes[i].Result!.Output));
            }
        }

        if (completed.Count == 0)
        {
            return;
        }

        IReadOnlySet<Guid> done = new HashSet<Guid>();
        await RecordAsync(completed[0].Job, async () =>
        {
            done = await queue.CompleteManyAsync(completed, time.GetUtcNow(), CancellationToken.None);
            return true;
        });
        foreach (var (job, _) in completed)
        {
            if (done.Contains(job.Id))
            {
                metrics.Completed(job);
            }
            else
            {
                LogLostLease(job);
            }
        }

        logger.LogInformation("{Done} of a batch of {Count} {JobType} jobs completed in {Elapsed} ms",
            done.Count, jobs.Count, jobs[0].JobType, (long)elapsed.TotalMilliseconds);
    }

    private async Task ReleaseStoppedAsync(ClaimedJob job, TimeSpan elapsed)
    {
        metrics.Ran(job, elapsed, "released");
        var now = time.GetUtcNow();
        await queue.ReleaseAsync(job, now, "Released: the silo stopped during the attempt.", now, CancellationToken.None);
    }

    private static string TimedOut(ClaimedJob job) => $"Timed out: the attempt exceeded its budget of {job.Timeout.TotalSeconds:0} s.";

    /// <summary>One job's lease in a batch: lost on its own (another worker reclaimed it), renewed on its own.</summary>
    private sealed class BatchLease : IDisposable
    {
        public BatchLease(ClaimedJob job, CancellationToken batch)
        {
            Job = job;
            Attempt = CancellationTokenSource.CreateLinkedTokenSource(batch, Lost.Token);
            Renewing = CancellationTokenSource.CreateLinkedTokenSource(Attempt.Token);
        }

        public ClaimedJob Job { get; }

        public CancellationTokenSource Lost { get; } = new();

        /// <summary>Fires when this job's attempt must stop: its lease lost, the batch's budget spent or the silo stopping.</summary>
        public CancellationTokenSource Attempt { get; }

        public CancellationTokenSource Renewing { get; }

        public void Dispose()
        {
            Renewing.Dispose();
            Attempt.Dispose();
            Lost.Dispose();
        }
    }
}

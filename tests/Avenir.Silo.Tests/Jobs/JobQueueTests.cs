using System.Collections.Concurrent;
using Avenir.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Avenir.Silo.Tests.Jobs;

public sealed class JobQueueTests(JobDatabaseFixture fixture) : IClassFixture<JobDatabaseFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private JobHarness Harness(params IJobHandler[] handlers) =>
        new(fixture.Database.ApplicationConnectionString, services =>
        {
            foreach (var handler in handlers)
            {
                services.AddSingleton(handler);
            }
        });

    [Fact]
    public async Task Concurrent_workers_claim_every_due_job_exactly_once()
    {
        await using var harness = Harness();
        var type = JobDatabaseFixture.UniqueJobType();
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await harness.Queue.EnqueueAsync(type, new { i }, harness.Time.GetUtcNow()))!.Value);
        }

        var claims = new ConcurrentBag<(string Worker, Guid Job)>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                var claimed = await harness.Queue.ClaimAsync($"worker-{w}", 3, harness.Time.GetUtcNow(), Lease, [type]);
                if (claimed.Count == 0)
                {
                    return;
                }

                foreach (var job in claimed)
                {
                    claims.Add(($"worker-{w}", job.Id));
                }
            }
        })));

        Assert.Equal(ids.Order(), claims.Select(c => c.Job).Order());
        foreach (var (worker, job) in claims)
        {
            var row = await fixture.ReadJobAsync(job);
            Assert.Equal(("running", 1, worker), (row.Status, row.Attempts, row.LockedBy));
        }
    }

    [Fact]
    public async Task A_job_another_transaction_has_locked_is_skipped_rather_than_waited_for()
    {
        await using var harness = Harness();
        var type = JobDatabaseFixture.UniqueJobType();
        var now = harness.Time.GetUtcNow();
        var first = (await harness.Queue.EnqueueAsync(type, new { n = 1 }, now.AddSeconds(-2)))!.Value;
        var second = (await harness.Queue.EnqueueAsync(type, new { n = 2 }, now.AddSeconds(-1)))!.Value;

        // Another worker is in the middle of claiming the first job: its row is locked until that transaction ends.
        await using var other = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await other.OpenAsync();
        await using var lockTransaction = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT id FROM queue_jobs WHERE id = $1 FOR UPDATE", other, lockTransaction)
        {
            Parameters = { new() { Value = first } },
        })
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var claimed = await harness.Queue.ClaimAsync("worker-b", 1, now, Lease, [type]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(second, Assert.Single(claimed).Id);
        await lockTransaction.RollbackAsync();
    }

    [Fact]
    public async Task A_failing_job_is_retried_with_exponential_backoff_and_ends_failed_with_its_error_after_the_last_attempt()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var attempts = 0;
        await using var harness = Harness(new DelegateJobHandler(type, (_, _) =>
            throw new InvalidOperationException($"relay refused, try {Interlocked.Increment(ref attempts)}")));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), maxAttempts: 3))!.Value;

        Assert.True(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));
        var afterFirst = await fixture.ReadJobAsync(id);
        Assert.Equal(("pending", 1), (afterFirst.Status, afterFirst.Attempts));
        Assert.Contains("relay refused, try 1", afterFirst.LastError, StringComparison.Ordinal);
        // Back-off after attempt 1 with the jitter at its floor: (10 s · 2^0) / 2.
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(5), afterFirst.RunAfter, TimeSpan.FromMilliseconds(1));
        Assert.False(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]), "not due before its back-off");

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));
        var afterSecond = await fixture.ReadJobAsync(id);
        Assert.Equal(("pending", 2), (afterSecond.Status, afterSecond.Attempts));
        // Attempt 2 doubles it: (10 s · 2^1) / 2.
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(10), afterSecond.RunAfter, TimeSpan.FromMilliseconds(1));

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));
        var final = await fixture.ReadJobAsync(id);
        Assert.Equal(("failed", 3), (final.Status, final.Attempts));
        Assert.Equal("InvalidOperationException: relay refused, try 3", final.Error);
        Assert.Equal(harness.Time.GetUtcNow(), final.CompletedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(final.LockedBy);

        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.False(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]), "a failed job never runs again");
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void Backoff_doubles_per_attempt_within_equal_jitter_and_stops_at_the_ceiling()
    {
        var baseDelay = TimeSpan.FromSeconds(10);
        var max = TimeSpan.FromMinutes(15);

        Assert.Equal(TimeSpan.FromSeconds(5), RetryBackoff.Delay(1, baseDelay, max, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryBackoff.Delay(1, baseDelay, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryBackoff.Delay(3, baseDelay, max, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(15), RetryBackoff.Delay(20, baseDelay, max, 1));
        Assert.Equal(TimeSpan.FromMinutes(7.5), RetryBackoff.Delay(20, baseDelay, max, 0));
    }

    [Fact]
    public async Task A_handler_that_outruns_its_time_budget_is_cancelled_and_the_attempt_fails_as_timed_out()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The runner stops waiting the moment the budget runs out (it does not wait for a cooperative handler),
        // so the handler's reaction is observed through a signal rather than a flag read right after the run.
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = Harness(new DelegateJobHandler(type, async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                throw;
            }

            return JobResult.Completed();
        }));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), maxAttempts: 1, timeoutSeconds: 300))!.Value;

        var run = harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(TimeSpan.FromSeconds(299));
        Assert.False(cancelled.Task.IsCompleted, "still within its 300 s budget");
        Assert.False(run.IsCompleted);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)); // throws TimeoutException if the token never fired
        var row = await fixture.ReadJobAsync(id);
        Assert.Equal("failed", row.Status);
        Assert.Equal("Timed out: the attempt exceeded its budget of 300 s.", row.Error);
    }

    [Fact]
    public async Task A_handler_that_ignores_its_token_is_abandoned_when_the_budget_runs_out()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<JobResult>();
        await using var harness = Harness(new DelegateJobHandler(type, (_, _) =>
        {
            started.SetResult();
            return never.Task;
        }));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), maxAttempts: 2, timeoutSeconds: 60))!.Value;

        var run = harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(TimeSpan.FromSeconds(60));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var row = await fixture.ReadJobAsync(id);
        Assert.Equal(("pending", 1), (row.Status, row.Attempts));
        Assert.Equal("Timed out: the attempt exceeded its budget of 60 s.", row.LastError);
    }

    [Fact]
    public async Task A_crashed_workers_job_is_reclaimed_once_its_lease_expires_and_the_crashed_worker_can_no_longer_finish_it()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var runs = 0;
        await using var harness = Harness(new DelegateJobHandler(type, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(JobResult.Completed(new { ok = true }));
        }));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), timeoutSeconds: 300))!.Value;

        // Worker A claims the job, then its process dies: it never reports back.
        var crashed = Assert.Single(await harness.Queue.ClaimAsync("worker-a", 1, harness.Time.GetUtcNow(), Lease, [type]));
        Assert.False(await harness.Runner.RunOnceAsync("worker-b", CancellationToken.None, [type]), "the lease still holds");

        // The lease (30 s) is not renewed: its worker crashed.
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await harness.Runner.RunOnceAsync("worker-b", CancellationToken.None, [type]), "the lease still holds");
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await harness.Runner.RunOnceAsync("worker-b", CancellationToken.None, [type]));

        Assert.Equal(1, runs);
        var row = await fixture.ReadJobAsync(id);
        Assert.Equal(("completed", 2), (row.Status, row.Attempts));
        Assert.Contains("worker-a", row.LastError, StringComparison.Ordinal);
        Assert.False(await harness.Queue.CompleteAsync(crashed, null, harness.Time.GetUtcNow()), "worker A's lease is gone");
        Assert.Equal("completed", (await fixture.ReadJobAsync(id)).Status);
    }

    [Fact]
    public async Task A_lease_that_cannot_be_renewed_cancels_the_running_attempt_before_another_worker_could_claim_it()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        JobHarness? running = null;
        await using var harness = Harness(new DelegateJobHandler(type, async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult(running!.Time.GetUtcNow());
                throw;
            }

            return JobResult.Completed(new { sent = true });
        }));
        running = harness;
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), timeoutSeconds: 300))!.Value;
        var claimedAt = harness.Time.GetUtcNow();
        var run = harness.Runner.RunOnceAsync("worker-a", CancellationToken.None, [type]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The database refuses the renewal (a real error, as in an outage): the lease cannot be extended.
        await SetQueueWritableAsync(false);
        try
        {
            harness.Time.Advance(Lease);
            var cancelledAt = await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(cancelledAt <= claimedAt + Lease, $"cancelled at {cancelledAt:O}, the lease ended at {claimedAt + Lease:O}");
        }
        finally
        {
            // Recording the cancelled attempt may itself meet the refusal; the job is then reclaimed after its lease.
            _ = await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
            await SetQueueWritableAsync(true);
        }

        Assert.NotEqual("completed", (await fixture.ReadJobAsync(id)).Status);
    }

    [Fact]
    public async Task An_outcome_PostgreSQL_cannot_take_during_a_restart_is_recorded_once_it_is_back_rather_than_left_to_the_lease()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = Harness(new DelegateJobHandler(type, async (_, _) =>
        {
            started.SetResult();
            await finish.Task;
            return JobResult.Completed(new { sent = true });
        }));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow()))!.Value;
        var run = harness.Runner.RunOnceAsync("worker-a", CancellationToken.None, [type]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The work is done just as PostgreSQL goes away (its sessions cut, new ones refused). The lease renewal's timer
        // exists already and the clock has not moved: the next timer is the runner's pause before writing the outcome again.
        var retryPending = harness.Time.NextTimerAsync();
        await ConnectionGate.SetAllowedAsync(fixture.Database, false);
        try
        {
            finish.SetResult();
            await retryPending; // the first write of the outcome failed; a retry is due
            Assert.False(run.IsCompleted);
        }
        finally
        {
            await ConnectionGate.SetAllowedAsync(fixture.Database, true);
        }

        harness.Time.Advance(TimeSpan.FromSeconds(4)); // the longest pause between writes
        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var job = await fixture.ReadJobAsync(id);
        Assert.Equal("completed", job.Status); // recorded by the worker that did it, within its lease: not run a second time
        Assert.Equal(1, job.Attempts);
    }

    private async Task SetQueueWritableAsync(bool writable)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        var roles = $"{fixture.Database.ApplicationRole}, {fixture.Database.ApplicationRole}_system";
        var sql = writable ? $"GRANT UPDATE ON queue_jobs TO {roles}" : $"REVOKE UPDATE ON queue_jobs FROM {roles}";
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_renewed_lease_keeps_a_long_running_job_from_being_reclaimed()
    {
        await using var harness = Harness();
        var type = JobDatabaseFixture.UniqueJobType();
        await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), timeoutSeconds: 300);
        var job = Assert.Single(await harness.Queue.ClaimAsync("worker-a", 1, harness.Time.GetUtcNow(), Lease, [type]));

        // The worker is alive: it renews its lease every 10 s, well past the first 30 s.
        for (var i = 0; i < 6; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(10));
            var now = harness.Time.GetUtcNow();
            Assert.True(await harness.Queue.RenewLeaseAsync(job, now + Lease, now), $"renewal {i + 1}");
        }

        Assert.Empty(await harness.Queue.ClaimAsync("worker-b", 1, harness.Time.GetUtcNow(), Lease, [type]));

        // Silence from the worker for a whole lease: the job is taken over, and the old lease no longer renews.
        harness.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Single(await harness.Queue.ClaimAsync("worker-b", 1, harness.Time.GetUtcNow(), Lease, [type]));
        Assert.False(await harness.Queue.RenewLeaseAsync(job, harness.Time.GetUtcNow() + Lease, harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_job_reclaimed_after_its_last_attempt_crashed_ends_failed_without_running_again()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var runs = 0;
        await using var harness = Harness(new DelegateJobHandler(type, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(JobResult.Completed());
        }));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), maxAttempts: 1, timeoutSeconds: 10))!.Value;
        Assert.Single(await harness.Queue.ClaimAsync("worker-a", 1, harness.Time.GetUtcNow(), Lease, [type]));

        harness.Time.Advance(TimeSpan.FromSeconds(41));
        Assert.True(await harness.Runner.RunOnceAsync("worker-b", CancellationToken.None, [type]));

        Assert.Equal(0, runs);
        var row = await fixture.ReadJobAsync(id);
        Assert.Equal("failed", row.Status);
        Assert.Contains("worker-a", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_of_an_unknown_type_fails_with_an_error_naming_the_type()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        await using var harness = Harness(new DelegateJobHandler("some_known_type", (_, _) => Task.FromResult(JobResult.Completed())));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), maxAttempts: 1))!.Value;

        Assert.True(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));

        var row = await fixture.ReadJobAsync(id);
        Assert.Equal("failed", row.Status);
        Assert.Contains($"No handler is registered for job type '{type}'", row.Error, StringComparison.Ordinal);
        Assert.Contains("some_known_type", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rescheduled_job_runs_again_later_without_using_up_an_attempt_and_its_result_is_kept()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var runs = 0;
        await using var harness = Harness(new DelegateJobHandler(type, async (job, token) =>
        {
            await job.ReportProgressAsync(50, "half way", token);
            return Interlocked.Increment(ref runs) == 1
                ? JobResult.Reschedule(TimeSpan.FromSeconds(3), "waiting for something")
                : JobResult.Completed(new { answer = 42 });
        }));
        var id = (await harness.Queue.EnqueueAsync(type, new { }, harness.Time.GetUtcNow(), maxAttempts: 1))!.Value;

        Assert.True(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));
        var waiting = await fixture.ReadJobAsync(id);
        Assert.Equal(("pending", 0, "waiting for something"), (waiting.Status, waiting.Attempts, waiting.ProgressMessage));
        Assert.False(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await harness.Runner.RunOnceAsync("w", CancellationToken.None, [type]));

        var done = await fixture.ReadJobAsync(id);
        Assert.Equal(("completed", 1), (done.Status, done.Attempts));
        Assert.Contains("\"answer\": 42", done.Result, StringComparison.Ordinal);
    }
}

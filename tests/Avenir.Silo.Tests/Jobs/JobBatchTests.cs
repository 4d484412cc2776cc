using System.Collections.Concurrent;
using Avenir.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>Claiming and running several jobs of a batch handler's type at once (<see cref="IBatchJobHandler"/>).</summary>
public sealed class JobBatchTests(JobDatabaseFixture fixture) : IClassFixture<JobDatabaseFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_batch_claims_take_every_due_job_exactly_once_bounded_and_one_type_per_claim()
    {
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString);
        var (batched, single) = (JobDatabaseFixture.UniqueJobType(), JobDatabaseFixture.UniqueJobType());
        var ids = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            ids.Add((await harness.Queue.EnqueueAsync(i % 10 == 0 ? single : batched, new { i }, harness.Time.GetUtcNow()))!.Value);
        }

        var sizes = new Dictionary<string, int> { [batched] = 7 };
        var claims = new ConcurrentBag<(string Worker, IReadOnlyList<ClaimedJob> Jobs)>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                var claimed = await harness.Queue.ClaimBatchAsync($"worker-{w}", harness.Time.GetUtcNow(), Lease, sizes, [batched, single]);
                if (claimed.Count == 0)
                {
                    return;
                }

                claims.Add(($"worker-{w}", claimed));
            }
        })));

        Assert.Equal(ids.Order(), claims.SelectMany(c => c.Jobs).Select(job => job.Id).Order());
        Assert.All(claims, claim => Assert.Single(claim.Jobs.Select(job => job.JobType).Distinct()));
        Assert.All(claims.Where(c => c.Jobs[0].JobType == batched), claim => Assert.InRange(claim.Jobs.Count, 1, 7));
        Assert.All(claims.Where(c => c.Jobs[0].JobType == single), claim => Assert.Single(claim.Jobs));
        Assert.Contains(claims, claim => claim.Jobs.Count > 1);
        foreach (var (worker, jobs) in claims)
        {
            foreach (var job in jobs)
            {
                var row = await fixture.ReadJobAsync(job.Id);
                Assert.Equal(("running", 1, worker), (row.Status, row.Attempts, row.LockedBy));
            }
        }
    }

    [Fact]
    public async Task A_failed_job_in_a_batch_is_retried_alone_and_the_others_complete_in_one_run()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var handler = new BatchDelegateJobHandler(type, 16, (jobs, _) => Task.FromResult<IReadOnlyList<JobAttemptOutcome>>(
        [
            .. jobs.Select(job => job.Job.Payload<Item>().N == 2
                ? JobAttemptOutcome.Failed(new InvalidOperationException("lead 2 is broken"))
                : JobAttemptOutcome.Of(JobResult.Completed(new { doubled = job.Job.Payload<Item>().N * 2 }))),
        ]));
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString, services => services.AddSingleton<IJobHandler>(handler));
        var ids = new List<Guid>();
        for (var n = 0; n < 5; n++)
        {
            ids.Add((await harness.Queue.EnqueueAsync(type, new Item(n), harness.Time.GetUtcNow()))!.Value);
        }

        Assert.True(await harness.Runner.RunOnceAsync("worker-a", CancellationToken.None, [type]));

        Assert.Equal([5], handler.Batches);
        var rows = new List<JobRow>();
        foreach (var id in ids)
        {
            rows.Add(await fixture.ReadJobAsync(id));
        }

        Assert.Equal(["completed", "completed", "pending", "completed", "completed"], rows.Select(row => row.Status));
        Assert.Equal((1, "InvalidOperationException: lead 2 is broken"), (rows[2].Attempts, rows[2].LastError));
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(5), rows[2].RunAfter);
        Assert.Equal("""{"doubled": 6}""", rows[3].Result);
        Assert.All(rows.Where(row => row.Status == "completed"), row => Assert.Null(row.LockedBy));
    }

    [Fact]
    public async Task A_lone_due_job_of_a_batch_type_runs_through_the_single_job_path_and_max_batch_1_turns_batches_off()
    {
        var type = JobDatabaseFixture.UniqueJobType();
        var handler = new BatchDelegateJobHandler(type, 16, (jobs, _) => Task.FromResult<IReadOnlyList<JobAttemptOutcome>>(
            [.. jobs.Select(_ => JobAttemptOutcome.Of(JobResult.Completed()))]));
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString, services =>
        {
            services.AddSingleton<IJobHandler>(handler);
            services.Configure<JobOptions>(options => options.MaxBatch = 1);
        });
        for (var n = 0; n < 3; n++)
        {
            await harness.Queue.EnqueueAsync(type, new Item(n), harness.Time.GetUtcNow());
        }

        Assert.Equal(3, await harness.RunUntilIdleAsync(type));
        Assert.Equal([1, 1, 1], handler.Batches);
    }

    private sealed record Item(int N);
}

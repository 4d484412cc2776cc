using Avenir.Silo.Jobs;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>A batch job handler whose behaviour the test supplies; it records the size of every batch it was given.</summary>
public sealed class BatchDelegateJobHandler(
    string jobType, int maxBatchSize, Func<IReadOnlyList<BatchedJob>, CancellationToken, Task<IReadOnlyList<JobAttemptOutcome>>> handle) : IBatchJobHandler
{
    private readonly List<int> batches = [];

    public string JobType => jobType;

    public int MaxBatchSize => maxBatchSize;

    public IReadOnlyList<int> Batches
    {
        get
        {
            lock (batches)
            {
                return [.. batches];
            }
        }
    }

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var outcome = (await HandleBatchAsync([new BatchedJob(job, cancellationToken)], cancellationToken))[0];
        return outcome.Result ?? throw outcome.Error!;
    }

    public Task<IReadOnlyList<JobAttemptOutcome>> HandleBatchAsync(IReadOnlyList<BatchedJob> jobs, CancellationToken cancellationToken)
    {
        lock (batches)
        {
            batches.Add(jobs.Count);
        }

        return handle(jobs, cancellationToken);
    }
}

namespace Avenir.Silo.Jobs;

/// <summary>
/// A handler whose jobs are cheaper run together (one model call for many leads). The runner claims up to
/// <see cref="MaxBatchSize"/> due jobs of its type at once (capped by <c>Jobs:MaxBatch</c>) and hands them over together;
/// a lone due job still goes through <see cref="IJobHandler.HandleAsync"/>.
/// </summary>
/// <remarks>
/// Each job keeps its own outcome: one job's failure must be returned as that job's <see cref="JobAttemptOutcome.Failed"/>,
/// not thrown, so that the others complete. Everything <see cref="IJobHandler"/> says about idempotence still holds per job.
/// </remarks>
public interface IBatchJobHandler : IJobHandler
{
    int MaxBatchSize { get; }

    /// <param name="jobs">The claimed jobs, each with the token that fires when its own lease is lost.</param>
    /// <param name="cancellationToken">Fires when the batch's budget (the shortest of its jobs') runs out or the silo stops.</param>
    /// <returns>One outcome per job, in the order of <paramref name="jobs"/>.</returns>
    Task<IReadOnlyList<JobAttemptOutcome>> HandleBatchAsync(IReadOnlyList<BatchedJob> jobs, CancellationToken cancellationToken);
}

/// <summary>One job of a batch and the token that fires when its attempt must stop (its lease lost, the budget, the silo stopping).</summary>
public sealed record BatchedJob(JobContext Job, CancellationToken Cancellation);

/// <summary>How one job of a batch ended: a <see cref="JobResult"/>, or the error that fails the attempt.</summary>
public sealed record JobAttemptOutcome
{
    private JobAttemptOutcome(JobResult? result, Exception? error)
    {
        Result = result;
        Error = error;
    }

    public JobResult? Result { get; }

    public Exception? Error { get; }

    public static JobAttemptOutcome Of(JobResult result) => new(result ?? throw new ArgumentNullException(nameof(result)), null);

    public static JobAttemptOutcome Failed(Exception error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}

using Avenir.Silo.Jobs;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>A job handler whose behaviour the test supplies.</summary>
public sealed class DelegateJobHandler(string jobType, Func<JobContext, CancellationToken, Task<JobResult>> handle) : IJobHandler
{
    public string JobType => jobType;

    public Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken) => handle(job, cancellationToken);
}

namespace Avenir.Silo.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="JobType"/>. Register with <c>services.AddJobHandler&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// A job may run more than once: a worker can crash after the work is done but before the job is marked
/// completed, and the job is then reclaimed when its lease runs out. Handlers must therefore be idempotent
/// (check what is already done, key writes by the job or the entity). Throw to fail the attempt (it is
/// retried with back-off, then the job ends <c>failed</c> with the error); honour the cancellation token,
/// which fires when the job's time budget (<c>queue_jobs.timeout_seconds</c>, 300 s by default) runs out
/// or the silo stops.
/// </remarks>
public interface IJobHandler
{
    /// <summary>The snake_case <c>queue_jobs.job_type</c> this handler runs, e.g. <c>lead_enrichment</c>.</summary>
    string JobType { get; }

    Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken);
}

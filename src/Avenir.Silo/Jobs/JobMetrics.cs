using System.Diagnostics.Metrics;

namespace Avenir.Silo.Jobs;

/// <summary>Job queue metrics on the <c>Avenir</c> meter (exported by the service defaults' OpenTelemetry).</summary>
public sealed class JobMetrics
{
    public const string MeterName = "Avenir";

    private readonly Counter<long> claimed;
    private readonly Counter<long> completed;
    private readonly Counter<long> failed;
    private readonly Counter<long> retried;
    private readonly Histogram<double> duration;

    public JobMetrics(IMeterFactory meters)
    {
#pragma warning disable CA2000 // the IMeterFactory owns the meters it creates and disposes them with the container
        var meter = meters.Create(MeterName);
#pragma warning restore CA2000
        claimed = meter.CreateCounter<long>("avenir.jobs.claimed", "{job}", "Jobs claimed by a worker (reclaims of crashed workers' jobs included).");
        completed = meter.CreateCounter<long>("avenir.jobs.completed", "{job}", "Jobs that ended completed.");
        failed = meter.CreateCounter<long>("avenir.jobs.failed", "{job}", "Jobs that ended failed after their last attempt.");
        retried = meter.CreateCounter<long>("avenir.jobs.retried", "{job}", "Failed attempts that will be retried.");
        duration = meter.CreateHistogram<double>("avenir.jobs.duration", "s", "Run time of one attempt.");
    }

    public void Claimed(ClaimedJob job) => claimed.Add(1, Tag(job), new("avenir.job.reclaimed", job.ReclaimedFrom is not null));

    public void Completed(ClaimedJob job) => completed.Add(1, Tag(job));

    public void Failed(ClaimedJob job) => failed.Add(1, Tag(job));

    public void Retried(ClaimedJob job) => retried.Add(1, Tag(job));

    public void Ran(ClaimedJob job, TimeSpan elapsed, string outcome) =>
        duration.Record(elapsed.TotalSeconds, Tag(job), new("avenir.job.outcome", outcome));

    private static KeyValuePair<string, object?> Tag(ClaimedJob job) => new("avenir.job.type", job.JobType);
}

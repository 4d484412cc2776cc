using Avenir.Grains.Prospects;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Prospects.Discovery;

/// <summary>
/// <c>prospect_discovery</c>: the ICP of the payload through <see cref="ProspectDiscovery"/>; the report (per source:
/// pages, outcomes, quota, error) is the job's result. Source failures are part of the report, not a failed job; only
/// an outage of the cluster or database fails the attempt (retried: the merges are idempotent).
/// </summary>
public sealed class ProspectDiscoveryJobHandler(ProspectDiscovery discovery) : IJobHandler
{
    public string JobType => ProspectJobTypes.Discovery;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<ProspectDiscoveryPayload>();
        await job.ReportProgressAsync(0, "searching the sources", cancellationToken);
        var report = await discovery.RunAsync(payload.Icp.ToProfile(), cancellationToken);
        return JobResult.Completed(report);
    }
}

using Avenir.Grains.Prospects;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Prospects.Scoring;

/// <summary>
/// <c>prospect_rescore</c>: recomputes the score of one industry's prospects (enqueued by its
/// <c>IndustryPerformanceGrain</c> when the rounded priority moves) or of all (an admin's request) set-based
/// (<see cref="ProspectRescore"/>); the report is the job's result. Idempotent: a rerun finds nothing changed.
/// </summary>
public sealed class ProspectRescoreJobHandler(TenantDatabase database, IGrainFactory grains, TimeProvider time) : IJobHandler
{
    public string JobType => ProspectJobTypes.Rescore;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<ProspectRescorePayload>();
        var report = await ProspectRescore.RescoreAsync(database, grains, payload.Industry, time.GetUtcNow(), cancellationToken);
        return JobResult.Completed(report);
    }
}

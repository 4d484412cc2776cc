using Avenir.Grains.Clients.Contracts;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Growth;

/// <summary>
/// <c>intelligence_analysis</c>: the weekly full recompute of one client's growth figures (payload <c>{clientId}</c>).
/// The recompute runs in the client's grain (one GROUP BY, well under a second at 100,000 leads), which replaces its
/// accumulator and publishes the <c>growth_brain</c> row; running it twice is harmless.
/// </summary>
public sealed class GrowthAnalysisJobHandler(IGrainFactory grains, ILogger<GrowthAnalysisJobHandler> logger) : IJobHandler
{
    public const string Type = "intelligence_analysis";

    public string JobType => Type;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<GrowthAnalysisPayload>();
        var report = await grains.GetGrain<IClientGrain>(payload.ClientId).RecomputeGrowthAsync();
        if (report is null)
        {
            logger.LogWarning("Growth analysis job {JobId}: client {ClientId} does not exist", job.JobId, payload.ClientId);
            return JobResult.Completed(new { clientId = payload.ClientId, skipped = "no_such_client" });
        }

        return JobResult.Completed(new { clientId = payload.ClientId, totalLeads = report.TotalLeads, analyzedAt = report.AnalyzedAt });
    }
}

/// <summary>The <c>intelligence_analysis</c> payload.</summary>
public sealed record GrowthAnalysisPayload(Guid ClientId, string Week);

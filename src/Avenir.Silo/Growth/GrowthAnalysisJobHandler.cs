using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Growth;

/// <summary>
/// <c>intelligence_analysis</c>: the full recompute of one client's growth figures (payload <c>{clientId}</c>), weekly
/// and on "refresh now" when an LLM is configured. The recompute runs in the client's grain (one GROUP BY, well under a
/// second at 100,000 leads), which replaces its accumulator and publishes the <c>growth_brain</c> row; then, when an
/// LLM is configured (<paramref name="insights"/>), the LLM writes insights from the recomputed figures and the grain
/// keeps them. An LLM failure leaves the rules' insights and completes the job. Running it twice is harmless.
/// </summary>
public sealed class GrowthAnalysisJobHandler(
    IGrainFactory grains, ILogger<GrowthAnalysisJobHandler> logger, IGrowthInsightWriter? insights = null) : IJobHandler
{
    public const string Type = GrowthInsightOptions.AnalysisJobType;

    public string JobType => Type;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var payload = job.Payload<GrowthAnalysisPayload>();
        var client = grains.GetGrain<IClientGrain>(payload.ClientId);
        var report = await client.RecomputeGrowthAsync();
        if (report is null)
        {
            logger.LogWarning("Growth analysis job {JobId}: client {ClientId} does not exist", job.JobId, payload.ClientId);
            return JobResult.Completed(new { clientId = payload.ClientId, skipped = "no_such_client" });
        }

        var source = GrowthBrainReport.RulesInsights;
        string? model = null;
        if (insights is not null && await insights.WriteAsync(payload.ClientId, report, cancellationToken) is { } written)
        {
            model = written.Model;
            if (await client.SetGrowthInsightsAsync(written.Texts, written.Model, report.AnalyzedAt))
            {
                source = GrowthBrainReport.LlmInsights;
            }
        }

        return JobResult.Completed(new
        {
            clientId = payload.ClientId,
            totalLeads = report.TotalLeads,
            analyzedAt = report.AnalyzedAt,
            insightsSource = source,
            insightsModel = model,
        });
    }
}

/// <summary>The <c>intelligence_analysis</c> payload (an on-demand job also carries <c>reason: "refresh"</c>).</summary>
public sealed record GrowthAnalysisPayload(Guid ClientId, string Week);

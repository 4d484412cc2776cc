using Avenir.Contracts.Jobs;
using Avenir.Grains.Growth;
using Avenir.Grains.Jobs;

namespace Avenir.Grains.Clients;

// The growth insights written by the LLM. The grain makes no slow call: the intelligence_analysis job asks the
// LLM and hands the insights here; the report uses them while they are fresh, else the rules' (GrowthInsights).
public sealed partial class ClientGrain
{
    private DateTimeOffset? lastOnDemandAnalysis;

    public async Task<GrowthBrainReport?> RefreshGrowthAsync()
    {
        var report = await RecomputeGrowthAsync();
        if (report is not null && insightOptions.Value.LlmWritesInsights)
        {
            await EnqueueInsightAnalysisAsync(report.AnalyzedAt);
        }

        return report;
    }

    public async Task<bool> SetGrowthInsightsAsync(GrowthInsightTexts insights, string model, DateTimeOffset figuresAt)
    {
        if (profile is null || live.State.Growth is not { } growth)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var written = new GrowthLlmInsights(insights, model, figuresAt, now);
        if (!written.IsFresh(now, live.State.GrowthRecomputedAt))
        {
            logger.LogInformation("Client {ClientId}: LLM insights from figures of {FiguresAt} ignored: recomputed since, at {RecomputedAt}",
                ClientId, figuresAt, live.State.GrowthRecomputedAt);
            return false;
        }

        live.State.LlmInsights = written;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            await GrowthRows.PublishAsync(transaction, ClientId, GrowthReport(growth, now, GrowthSource));
            await transaction.CommitAsync();
        }

        growthDirty = false;
        await live.WriteStateAsync();
        return true;
    }

    /// <summary>The report of <paramref name="growth"/>, with the LLM's insights when they are fresh.</summary>
    private GrowthBrainReport GrowthReport(GrowthAccumulator growth, DateTimeOffset now, string source, DateTimeOffset? recomputedAt = null)
    {
        var report = GrowthFigures.From(growth, now, source);
        return live.State.LlmInsights is { } insights && insights.IsFresh(now, recomputedAt ?? live.State.GrowthRecomputedAt)
            ? report.WithLlmInsights(insights)
            : report;
    }

    /// <summary>
    /// Enqueues the job that asks the LLM for insights on the figures just recomputed. Best effort: the refresh has
    /// answered with the rules' insights either way, and the weekly job comes regardless.
    /// </summary>
    private async Task EnqueueInsightAnalysisAsync(DateTimeOffset now)
    {
        if (lastOnDemandAnalysis is { } last && now - last < insightOptions.Value.OnDemandInterval)
        {
            return;
        }

        try
        {
            var week = GrowthWeeks.StartOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await using var transaction = await database.BeginForClientAsync(ClientId);
            await JobRows.EnqueueAsync(transaction, GrowthInsightOptions.AnalysisJobType, new { clientId = ClientId, week, reason = "refresh" },
                $"{GrowthInsightOptions.AnalysisJobType}:{ClientId:N}:refresh:{now.UtcTicks}", now);
            await transaction.CommitAsync();
            lastOnDemandAnalysis = now;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not enqueue the on-demand growth analysis of client {ClientId}", ClientId);
        }
    }
}

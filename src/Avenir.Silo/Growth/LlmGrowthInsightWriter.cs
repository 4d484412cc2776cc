using System.Text.Json.Nodes;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Intelligence.Prompts;

namespace Avenir.Silo.Growth;

/// <summary>
/// Growth insights by the configured LLM with the registry's <c>growth_insights</c> prompt (one English prompt that
/// answers both languages: <c>{"en":[…],"fr":[…]}</c>). The model is given the report's figures without the rules'
/// insights. Every execution is logged in prompt_performance by <see cref="PromptExecutor"/>; any failure returns null.
/// </summary>
public sealed class LlmGrowthInsightWriter(PromptExecutor executor, ILogger<LlmGrowthInsightWriter> logger) : IGrowthInsightWriter
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<WrittenGrowthInsights?> WriteAsync(Guid clientId, GrowthBrainReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var figures = Figures(report);
        var execution = await executor.ExecuteAsync(
            new PromptSelectionContext(PromptNames.GrowthInsights, "en", clientId, clientId.ToString("N")),
            null, figures, GrowthInsightsOutput.Schema, GrowthInsightsOutput.Evaluate,
            JsonSerializer.SerializeToElement(new { clientId, analyzedAt = report.AnalyzedAt, totalLeads = report.TotalLeads }),
            cancellationToken);
        if (execution.Succeeded)
        {
            return new WrittenGrowthInsights(execution.Value!, execution.Model);
        }

        logger.LogWarning(
            "Client {ClientId}: growth insights by {Model} failed ({Error}); the rules' insights stay", clientId, execution.Model, execution.Error);
        return null;
    }

    /// <summary>The report as the dashboard serves it, without anything about insights: the model writes from the figures only.</summary>
    public static string Figures(GrowthBrainReport report)
    {
        var json = JsonSerializer.SerializeToNode(report, Web)!.AsObject();
        foreach (var name in new[] { "insights", "insightsSource", "insightsModel", "insightsWrittenAt", "source" })
        {
            json.Remove(name);
        }

        return json.ToJsonString();
    }
}

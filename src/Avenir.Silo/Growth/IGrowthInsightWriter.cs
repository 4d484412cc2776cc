using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;

namespace Avenir.Silo.Growth;

/// <summary>Insights in English and French written by a model, and the model's name.</summary>
public sealed record WrittenGrowthInsights(GrowthInsightTexts Texts, string Model);

/// <summary>
/// Writes a client's growth insights from its figures (registered only when an LLM is configured). Never throws for
/// a provider failure: returns null, logged, and the rules' insights stay.
/// </summary>
public interface IGrowthInsightWriter
{
    Task<WrittenGrowthInsights?> WriteAsync(Guid clientId, GrowthBrainReport report, CancellationToken cancellationToken = default);
}

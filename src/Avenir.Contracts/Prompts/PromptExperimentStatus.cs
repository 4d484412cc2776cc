namespace Avenir.Contracts.Prompts;

/// <summary>A running test as its grain sees it: the configuration and the live counts.</summary>
/// <param name="PValue">Two-proportion z-test p-value on the success rates so far (informative only: the
/// decision is taken once, at the minimum sample size; null until each arm has a sample).</param>
/// <param name="QualityPValue">Welch's t-test p-value on the quality scores so far (null until each arm has two).</param>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Prompts.PromptExperimentStatus")]
public sealed record class PromptExperimentStatus(
    [property: Id(0)] Guid TestId,
    [property: Id(1)] string PromptName,
    [property: Id(2)] string Language,
    [property: Id(3)] string ControlVariantId,
    [property: Id(4)] string TreatmentVariantId,
    [property: Id(5)] double ControlTrafficPercentage,
    [property: Id(6)] int MinSampleSize,
    [property: Id(7)] double SignificanceLevel,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] DateTimeOffset EndsBy,
    [property: Id(10)] PromptArmMetrics Control,
    [property: Id(11)] PromptArmMetrics Treatment,
    [property: Id(12)] double? PValue,
    [property: Id(13)] double? QualityPValue);

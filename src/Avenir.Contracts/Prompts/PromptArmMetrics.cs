namespace Avenir.Contracts.Prompts;

/// <summary>
/// One arm's results, the JSON of <c>prompt_ab_tests.control_metrics</c> / <c>treatment_metrics</c>:
/// <c>{samples, successes, rate, meanQuality, sdQuality}</c> (sdQuality: sample standard deviation, n − 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Prompts.PromptArmMetrics")]
public sealed record class PromptArmMetrics(
    [property: Id(0)] long Samples,
    [property: Id(1)] long Successes,
    [property: Id(2)] double Rate,
    [property: Id(3)] double MeanQuality,
    [property: Id(4)] double SdQuality);

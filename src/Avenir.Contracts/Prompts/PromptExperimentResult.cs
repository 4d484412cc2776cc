namespace Avenir.Contracts.Prompts;

/// <summary>How one execution under a test went, as <c>PromptExecutor</c> logged it in prompt_performance.</summary>
/// <param name="TestId">The test the execution was assigned by.</param>
/// <param name="VariantId">The variant that ran (<c>prompt_registry.variant_id</c>).</param>
/// <param name="Failed">The execution had an error (HTTP failure, unusable answer).</param>
/// <param name="Quality">The logged quality score 0–1.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Prompts.PromptExperimentResult")]
public sealed record class PromptExperimentResult(
    [property: Id(0)] Guid TestId,
    [property: Id(1)] string VariantId,
    [property: Id(2)] bool Failed,
    [property: Id(3)] double Quality);

namespace Avenir.Contracts.Prompts;

/// <summary>The variant one execution uses, and the test it counts for (<c>prompt_performance.ab_test_id</c>).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Prompts.PromptAssignment")]
public sealed record class PromptAssignment(
    [property: Id(0)] Guid TestId,
    [property: Id(1)] string VariantId,
    [property: Id(2)] PromptArm Arm);

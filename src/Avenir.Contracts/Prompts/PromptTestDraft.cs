namespace Avenir.Contracts.Prompts;

/// <summary>A draft A/B test between two variants of one prompt in one language, as the admin asked for it (validated).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prompts.PromptTestDraft")]
public sealed record class PromptTestDraft
{
    [Id(0)] public required string TestName { get; init; }
    [Id(1)] public required string ControlVariantId { get; init; }
    [Id(2)] public required string TreatmentVariantId { get; init; }
    [Id(3)] public required decimal ControlTrafficPercentage { get; init; }
    [Id(4)] public required decimal TreatmentTrafficPercentage { get; init; }

    /// <summary>Executions per arm before the test is decided.</summary>
    [Id(5)] public required int MinSampleSize { get; init; }
    [Id(6)] public required int MaxDurationDays { get; init; }
    [Id(7)] public required decimal SignificanceLevel { get; init; }
}

/// <summary>What <see cref="IPromptExperimentGrain.CreateTestAsync"/> did.</summary>
[GenerateSerializer, Alias("Avenir.Contracts.Prompts.PromptTestCreation")]
public enum PromptTestCreation
{
    Created = 0,
    UnknownControlVariant = 1,
    UnknownTreatmentVariant = 2,

    /// <summary>The treatment is a variant of another prompt than the control.</summary>
    VariantsOfDifferentPrompts = 3,

    /// <summary>The two variants are in different languages.</summary>
    VariantsOfDifferentLanguages = 4,

    /// <summary>Another test already has this name.</summary>
    NameTaken = 5,
}

/// <summary>The answer to <see cref="IPromptExperimentGrain.CreateTestAsync"/>: the new test's id when created.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prompts.PromptTestCreated")]
public sealed record class PromptTestCreated([property: Id(0)] PromptTestCreation Outcome, [property: Id(1)] Guid? TestId = null);

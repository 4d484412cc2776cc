namespace Avenir.Contracts.Prompts;

/// <summary>The next version of a prompt, derived from <see cref="ParentVariantId"/> (validated).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prompts.PromptVariantDraft")]
public sealed record class PromptVariantDraft
{
    [Id(0)] public required string ParentVariantId { get; init; }
    [Id(1)] public required string PromptText { get; init; }

    /// <summary>One of <see cref="PromptEvolutionTypes.All"/>.</summary>
    [Id(2)] public required string EvolutionType { get; init; }
    [Id(3)] public string? Notes { get; init; }
}

/// <summary>What <see cref="IPromptExperimentGrain.AddVariantAsync"/> did.</summary>
[GenerateSerializer, Alias("Avenir.Contracts.Prompts.PromptVariantCreation")]
public enum PromptVariantCreation
{
    Created = 0,

    /// <summary>No such parent variant of this prompt.</summary>
    UnknownParent = 1,

    /// <summary>Another version of the prompt was created at the same time (its version number was taken).</summary>
    VersionTaken = 2,
}

/// <summary>The answer to <see cref="IPromptExperimentGrain.AddVariantAsync"/>: the new variant's id when created.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prompts.PromptVariantCreated")]
public sealed record class PromptVariantCreated([property: Id(0)] PromptVariantCreation Outcome, [property: Id(1)] string? VariantId = null);

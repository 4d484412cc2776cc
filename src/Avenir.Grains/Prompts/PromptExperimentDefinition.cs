namespace Avenir.Grains.Prompts;

/// <summary>A running test as configured in <c>prompt_ab_tests</c>, with the registry rows of its two variants.</summary>
public sealed record PromptExperimentDefinition(
    Guid Id,
    string TestName,
    string PromptName,
    string Language,
    string ControlVariantId,
    Guid ControlRegistryId,
    string TreatmentVariantId,
    Guid TreatmentRegistryId,
    decimal ControlTrafficPercentage,
    int MinSampleSize,
    int MaxDurationDays,
    decimal SignificanceLevel,
    DateTimeOffset StartedAt)
{
    public DateTimeOffset EndsBy => StartedAt.AddDays(MaxDurationDays);
}

using Avenir.Contracts.Prompts;

namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>
/// The A/B-aware selector (docs/prompt-experiments.md). When a test runs for the prompt in the context's language,
/// the prompt's <see cref="IPromptExperimentGrain"/> assigns the arm (deterministic by subject key) and the variant is
/// returned with <see cref="PromptVariant.AbTestId"/> set, so prompt_performance records the test; the outcome is
/// then reported back to the grain. Otherwise it is exactly <see cref="ActivePromptSelector"/>: no grain call.
/// A failing grain call never fails an execution: the active variant is used, outside the test.
/// </summary>
public sealed class ExperimentPromptSelector(
    IPromptRegistry registry,
    RunningPromptExperiments running,
    IGrainFactory grains,
    ILogger<ExperimentPromptSelector> logger) : IPromptSelector
{
    private readonly ActivePromptSelector active = new(registry);

    public async ValueTask<PromptVariant?> SelectAsync(PromptSelectionContext context, CancellationToken cancellationToken = default)
    {
        var test = await running.FindAsync(context.PromptName, cancellationToken);
        if (test is null || test.Language != context.Language)
        {
            return await active.SelectAsync(context, cancellationToken);
        }

        try
        {
            var assignment = await grains.GetGrain<IPromptExperimentGrain>(context.PromptName).AssignAsync(context.SubjectKey);
            if (assignment is not null && await registry.GetVariantAsync(assignment.VariantId, cancellationToken) is { } variant)
            {
                return variant with { AbTestId = assignment.TestId };
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Prompt test {TestId} of {Prompt} could not assign a variant; using the active one", test.TestId, context.PromptName);
        }

        return await active.SelectAsync(context, cancellationToken);
    }

    public async ValueTask RecordOutcomeAsync(PromptVariant variant, bool failed, double quality, CancellationToken cancellationToken = default)
    {
        if (variant.AbTestId is { } testId)
        {
            await grains.GetGrain<IPromptExperimentGrain>(variant.PromptName)
                .RecordResultAsync(new PromptExperimentResult(testId, variant.VariantId, failed, quality));
        }
    }
}

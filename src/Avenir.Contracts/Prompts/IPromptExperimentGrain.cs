namespace Avenir.Contracts.Prompts;

/// <summary>
/// The A/B tests and versions of one prompt (key: the prompt name, e.g. <c>lead_enrichment</c>): the single writer of
/// its <c>prompt_ab_tests</c> rows and of its new <c>prompt_registry</c> versions. It holds the running test of
/// <c>prompt_ab_tests</c> (at most one per prompt), assigns an arm to each execution, counts the results in grain
/// state (O(1) per result) and ends the test by the fixed-horizon rule of docs/prompt-experiments.md: decided once
/// both arms reach the minimum sample size, no winner when the maximum duration passes first. On a winner it
/// promotes it in <c>prompt_registry</c> and writes <c>prompt_evolution</c>, in one system transaction.
/// </summary>
[Alias("Avenir.Grains.Prompts.IPromptExperimentGrain")]
public interface IPromptExperimentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates a draft test of this prompt (both variants must be of this prompt, in one language; the name unique).
    /// The caller has validated the figures.
    /// </summary>
    [Alias("CreateTest")]
    Task<PromptTestCreated> CreateTestAsync(PromptTestDraft draft);

    /// <summary>
    /// Adds the next version of this prompt in the parent's language (version = newest + 1, id <c>name.language.vN</c>),
    /// inactive until a test promotes it, remembering its parent so that it can be tested against it.
    /// </summary>
    [Alias("AddVariant")]
    Task<PromptVariantCreated> AddVariantAsync(PromptVariantDraft draft);

    /// <summary>Starts the draft test <paramref name="testId"/> of this prompt (status running, started now).</summary>
    [Alias("Start")]
    Task<PromptExperimentStart> StartAsync(Guid testId);

    /// <summary>
    /// Cancels a draft or running test of this prompt: no winner, nothing promoted. False when there is no such
    /// test of this prompt or it has already ended.
    /// </summary>
    [Alias("Cancel")]
    Task<bool> CancelAsync(Guid testId);

    /// <summary>
    /// The arm for one execution: deterministic for a <paramref name="subjectKey"/> (same lead, same arm), random
    /// without one, by the test's traffic split. Null when no test is running (or it has just ended).
    /// </summary>
    [Alias("Assign")]
    Task<PromptAssignment?> AssignAsync(string? subjectKey);

    /// <summary>Counts the outcome of one execution made under <see cref="AssignAsync"/>, then applies the stopping rule.</summary>
    [Alias("RecordResult")]
    Task RecordResultAsync(PromptExperimentResult result);

    /// <summary>The running test with its live metrics (after applying the stopping rule), or null when none runs.</summary>
    [Alias("GetStatus")]
    Task<PromptExperimentStatus?> GetStatusAsync();
}

namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>One row of <c>prompt_registry</c>: a version of a prompt in one language.</summary>
public sealed record PromptVariant(Guid Id, string PromptName, string VariantId, int Version, string Language, string Text)
{
    /// <summary>Set by a selector that picked this variant for an A/B test (prompt_performance.ab_test_id).</summary>
    public Guid? AbTestId { get; init; }

    /// <summary>
    /// The text with <c>{{$name}}</c> placeholders replaced (Semantic Kernel's variable syntax). Only trusted
    /// values go here (label lists, language names); the lead's own text is sent as the user message.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string>? variables)
    {
        var text = Text;
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                text = text.Replace("{{$" + name + "}}", value, StringComparison.Ordinal);
            }
        }

        return text;
    }
}

/// <summary>The well-known prompt names seeded by V20 (and <c>growth_insights</c> by V27).</summary>
public static class PromptNames
{
    public const string LeadEnrichment = "lead_enrichment";
    public const string LeadSummary = "lead_summary";
    public const string AutoReply = "auto_reply";
    public const string Translation = "translation";
    public const string GrowthInsights = "growth_insights";
}

/// <summary>Who asks for a prompt: enough for an A/B selector to split traffic deterministically.</summary>
/// <param name="PromptName">e.g. <see cref="PromptNames.LeadEnrichment"/>.</param>
/// <param name="Language">"en" or "fr".</param>
/// <param name="ClientId">The tenant, when the execution is for one.</param>
/// <param name="SubjectKey">A stable key of the thing processed (lead id, text hash) so a subject always gets the same arm.</param>
public sealed record PromptSelectionContext(string PromptName, string Language, Guid? ClientId = null, string? SubjectKey = null);

/// <summary>Reads the variants of <c>prompt_registry</c>.</summary>
public interface IPromptRegistry : Avenir.Grains.Prompts.IPromptRegistryCache
{
    /// <summary>Active variants of <paramref name="promptName"/> in <paramref name="language"/>, newest version first.</summary>
    ValueTask<IReadOnlyList<PromptVariant>> GetActiveAsync(string promptName, string language, CancellationToken cancellationToken = default);

    /// <summary>One variant by its <c>variant_id</c>, active or not (an A/B test's treatment is tested before it is active).</summary>
    ValueTask<PromptVariant?> GetVariantAsync(string variantId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Picks the variant used for one execution. The default takes the newest active version in the language
/// (English when the language has none); an A/B-test selector (prompt_ab_tests) replaces it and sets
/// <see cref="PromptVariant.AbTestId"/>.
/// </summary>
public interface IPromptSelector
{
    ValueTask<PromptVariant?> SelectAsync(PromptSelectionContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hears how an execution of a variant it selected went (after it was logged in prompt_performance). The A/B
    /// selector counts it for the variant's test; the default ignores it.
    /// </summary>
    /// <param name="failed">The execution had an error (as logged).</param>
    /// <param name="quality">The logged quality score 0–1.</param>
    ValueTask RecordOutcomeAsync(PromptVariant variant, bool failed, double quality, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;
}

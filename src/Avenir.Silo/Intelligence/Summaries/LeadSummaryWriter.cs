using Avenir.Contracts.Leads;
using Avenir.Silo.Intelligence.Guardrails;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Prompts;

namespace Avenir.Silo.Intelligence.Summaries;

/// <summary>A lead's summary as stored: its text, how it was written (<see cref="LeadSummarySources"/>) and its language.</summary>
public sealed record LeadSummary(string Text, string Source, string Language)
{
    /// <summary>Set when the LLM's summary was refused or failed and the extractive one answers.</summary>
    public AiFallback? Fallback { get; init; }

    /// <summary>The engine's own summary: an extractive one is in the message's language, an LLM's in the handled one.</summary>
    public static LeadSummary Of(LeadEnrichmentResult result) => new(
        result.Summary, result.SummarySource, result.SummarySource == LeadSummarySources.Llm ? result.Language : result.DetectedLanguage);
}

/// <summary>
/// The abstractive summary, with an LLM configured: the registry's <c>lead_summary</c> prompt (selected per lead:
/// A/B-testable) in the lead's handled language, checked after generation by <see cref="SummaryGuard"/> (≤ 200
/// characters, plain text, no number, link, address or name the message does not have). On any violation or failure
/// the extractive summary of the local engine answers and <see cref="LeadSummary.Fallback"/> says why.
/// </summary>
public sealed class LeadSummaryWriter(PromptExecutor executor, ILeadEnrichmentEngine extractive, ILogger<LeadSummaryWriter> logger)
{
    public async Task<LeadSummary> WriteAsync(LeadEnrichmentRequest request, LeadEnrichmentResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var message = MessageText.Clean(request.Message);
        if (message.Length > 6000)
        {
            message = MessageText.TruncateAtWord(message, 6000);
        }

        GuardVerdict? verdict = null;
        var execution = await executor.ExecuteAsync(
            new PromptSelectionContext(PromptNames.LeadSummary, result.Language, request.ClientId, request.LeadId?.ToString()),
            variables: null,
            message,
            jsonSchema: null,
            text =>
            {
                verdict = SummaryGuard.Check(text, request.Message ?? "", request.Name, request.Company);
                var output = JsonSerializer.SerializeToElement(new { chars = verdict.Text.Length, violations = verdict.Codes });
                return verdict.Passed
                    ? new PromptOutcome<string>(verdict.Text, 1, null, output)
                    : new PromptOutcome<string>(null, 0, "guardrails: " + verdict.Reason, output);
            },
            JsonSerializer.SerializeToElement(new { leadId = request.LeadId, language = result.Language, messageChars = message.Length }),
            cancellationToken);
        if (execution.Succeeded)
        {
            return new LeadSummary(execution.Value!, LeadSummarySources.Llm, result.Language);
        }

        var reason = verdict is { Passed: false } refused
            ? $"The LLM's summary was refused by its guardrails: {refused.Reason}"
            : $"The LLM could not write the summary: {execution.Error}";
        logger.LogWarning("Summary of lead {LeadId}: {Reason}; the extractive summary answers", request.LeadId, reason);
        var own = result.SummarySource == LeadSummarySources.Extractive ? result : await extractive.EnrichAsync(request, cancellationToken);
        return new LeadSummary(own.Summary, LeadSummarySources.Extractive, own.DetectedLanguage)
        {
            Fallback = new AiFallback
            {
                Feature = AiFallbackFeatures.Summary,
                Reason = reason,
                Violations = verdict?.Codes ?? [],
                AnsweredBy = LeadSummarySources.Extractive,
                PromptVariant = execution.Variant?.VariantId,
            },
        };
    }
}

using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Prompts;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>
/// Lead enrichment by the configured LLM with the registry's <c>lead_enrichment</c> prompt in the lead's language,
/// structured JSON output validated against <see cref="EnrichmentLabels"/>. On any failure (timeout, HTTP error,
/// 429, 5xx, open circuit, invalid or off-taxonomy output, missing prompt) the <paramref name="fallback"/> engine
/// (the local model) answers; the failure is logged (structured log and prompt_performance). The summary is
/// abstractive (the model's), the local engine's extractive one on fallback. A message in another language than
/// English or French is sent with the prompt of its handled language and the answer carries the detected language
/// (<see cref="LeadEnrichmentResult.DetectedLanguage"/>), as the local engine's does.
/// </summary>
public sealed class LlmEnrichmentEngine(
    PromptExecutor executor,
    ILeadEnrichmentEngine fallback,
    ILeadLanguageDetector languages,
    ILogger<LlmEnrichmentEngine> logger) : ILeadEnrichmentEngine
{
    /// <summary>The LLM's model; a fallback result carries the local engine's name instead.</summary>
    public string ModelName => executor.ModelName;

    public async Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (language, written) = languages.DetectWritten(request.Message ?? string.Empty, request.DeclaredLanguage);
        var message = MessageText.Clean(request.Message);
        if (message.Length > 6000)
        {
            message = MessageText.TruncateAtWord(message, 6000);
        }

        var user = JsonSerializer.Serialize(new
        {
            message,
            name = request.Name,
            email_domain = request.Email is { } email && email.Contains('@', StringComparison.Ordinal)
                ? email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..]
                : null,
            company = request.Company,
            has_phone = !string.IsNullOrWhiteSpace(request.Phone),
            form_language = request.DeclaredLanguage,
        });
        var input = JsonSerializer.SerializeToElement(new { leadId = request.LeadId, language, messageChars = message.Length });
        var execution = await executor.ExecuteAsync(
            new PromptSelectionContext(PromptNames.LeadEnrichment, language, request.ClientId, request.LeadId?.ToString()),
            EnrichmentOutput.PromptVariables, user, EnrichmentOutput.Schema,
            text => EnrichmentOutput.Evaluate(text, executor.ModelName),
            input, cancellationToken);
        if (execution.Succeeded)
        {
            var result = execution.Value! with { Model = execution.Model, SummarySource = Avenir.Contracts.Leads.LeadSummarySources.Llm };
            // The answer's language must be en or fr (the schema); the detector knows when the text is neither. Labels
            // read from another language are guesses, whatever the model says: capped as the local engine caps them.
            return EnrichmentLabels.IsLanguage(written)
                ? result
                : result with { DetectedLanguage = written, Confidence = Math.Min(result.Confidence, LocalEnrichmentEngine.OtherLanguageConfidenceCap) };
        }

        logger.LogWarning(
            "Lead {LeadId}: LLM enrichment by {Model} failed ({Error}); the local engine answers", request.LeadId, execution.Model, execution.Error);
        return await fallback.EnrichAsync(request, cancellationToken);
    }
}

using System.Text.Encodings.Web;
using Avenir.Contracts.Leads;
using Avenir.Silo.Intelligence.Guardrails;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Prompts;

namespace Avenir.Silo.AutoReply;

/// <summary>
/// The auto-reply written by the configured LLM with the registry's <c>auto_reply</c> prompt (selected per lead, so
/// A/B tests split it like any prompt) in the reply's language, the client's tone and booking link; the lead's message
/// is the user message, data not instructions. The answer is checked after generation (<see cref="AutoReplyGuard"/>
/// and its language); on any violation or failure the template reply answers and <see cref="AutoReplyDraft.Fallback"/>
/// says why (the job records it on the lead's activity). The subject is always the template's (business values only);
/// the body is sent as plain text and as HTML built here with every character encoded, the booking link the only anchor.
/// </summary>
public sealed class LlmAutoReplyWriter(
    TemplateAutoReplyWriter templates,
    PromptExecutor executor,
    ILeadLanguageDetector languages,
    ILogger<LlmAutoReplyWriter> logger) : IAutoReplyWriter
{
    /// <summary>The part of the lead's message the model reads.</summary>
    public const int MaxMessageCharacters = 3000;

    public async Task<AutoReplyDraft> WriteAsync(AutoReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var template = await templates.WriteAsync(request, cancellationToken);
        var client = request.Client;
        var message = MessageText.Clean(request.Lead.Message);
        if (message.Length > MaxMessageCharacters)
        {
            message = MessageText.TruncateAtWord(message, MaxMessageCharacters);
        }

        var facts = new AutoReplyFacts(client.BusinessName, client.BookingLink, client.Email, request.Lead.Message, request.Language);
        GuardVerdict? verdict = null;
        var execution = await executor.ExecuteAsync(
            new PromptSelectionContext(PromptNames.AutoReply, request.Language, client.ClientId, request.Lead.Id.ToString()),
            new Dictionary<string, string>
            {
                ["business_name"] = client.BusinessName,
                ["tone"] = ToneWord(request.Tone, request.Language),
                ["first_name"] = TemplateAutoReplyWriter.FirstName(TemplateAutoReplyWriter.SafeName(request.Lead.Name)),
                ["booking_link"] = client.BookingLink ?? "",
            },
            message,
            jsonSchema: null,
            text =>
            {
                verdict = Check(text, facts);
                var output = JsonSerializer.SerializeToElement(new { chars = verdict.Text.Length, violations = verdict.Codes });
                return verdict.Passed
                    ? new PromptOutcome<string>(verdict.Text, 1, null, output)
                    : new PromptOutcome<string>(null, 0, "guardrails: " + verdict.Reason, output);
            },
            JsonSerializer.SerializeToElement(new { leadId = request.Lead.Id, language = request.Language, messageChars = message.Length }),
            cancellationToken);

        if (execution.Succeeded)
        {
            var text = execution.Value!;
            return new AutoReplyDraft(template.Subject, Html(text, client.BookingLink), text, $"llm:{execution.Variant?.VariantId ?? execution.Model}");
        }

        var reason = verdict is { Passed: false } refused
            ? $"The LLM's reply was refused by its guardrails: {refused.Reason}"
            : $"The LLM could not write the reply: {execution.Error}";
        logger.LogWarning("Auto-reply of lead {LeadId}: {Reason}; the template answers ({Template})", request.Lead.Id, reason, template.Source);
        return template with
        {
            Fallback = new AiFallback
            {
                Feature = AiFallbackFeatures.AutoReply,
                Reason = reason,
                Violations = verdict?.Codes ?? [],
                AnsweredBy = template.Source,
                PromptVariant = execution.Variant?.VariantId,
            },
        };
    }

    /// <summary>The guardrails, then the language: a reply the lead steered into another language is refused too.</summary>
    private GuardVerdict Check(string text, AutoReplyFacts facts)
    {
        var verdict = AutoReplyGuard.Check(text, facts);
        if (verdict.Text.Length < AutoReplyGuard.MinCharacters)
        {
            return verdict;
        }

        var (handled, written) = languages.DetectWritten(verdict.Text, facts.Language);
        return written == facts.Language && handled == facts.Language
            ? verdict
            : verdict with
            {
                Violations = [.. verdict.Violations, new GuardViolation(GuardCodes.WrongLanguage, $"written in {written}, not {facts.Language}")],
            };
    }

    /// <summary>
    /// The text as HTML: every character encoded, paragraphs on blank lines, the booking link (already checked to be
    /// the only link) as an anchor.
    /// </summary>
    public static string Html(string text, string? bookingLink)
    {
        var encoder = HtmlEncoder.Default;
        var paragraphs = GuardText.Normalise(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var html = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var encoded = string.Join("<br>", paragraph.Split('\n').Select(line => encoder.Encode(line)));
            if (bookingLink is { Length: > 0 })
            {
                var link = encoder.Encode(bookingLink);
                encoded = encoded.Replace(link, $"<a href=\"{link}\">{link}</a>", StringComparison.Ordinal);
            }

            html.Append("<p>").Append(encoded).Append("</p>\n");
        }

        return html.ToString();
    }

    /// <summary>The client's tone (SettingsApi.Tones) as the prompt's language says it.</summary>
    public static string ToneWord(string tone, string language) => (tone, language) switch
    {
        ("Friendly", "fr") => "chaleureux",
        ("Formal", "fr") => "soutenu",
        ("Energetic", "fr") => "énergique",
        (_, "fr") => "professionnel",
        ("Friendly", _) => "friendly",
        ("Formal", _) => "formal",
        ("Energetic", _) => "energetic",
        _ => "professional",
    };
}

using System.Text.Encodings.Web;
using Fluid;

namespace Avenir.Silo.AutoReply;

/// <summary>
/// Renders the auto-reply from <c>email_templates</c> (category <c>auto_reply</c>; migrations V15, V40) with Fluid
/// (Liquid): the active template for the reply's language and the client's tone, else that language's
/// Professional one. HTML is rendered with the values HTML-encoded, the subject and plain text without.
/// </summary>
/// <remarks>
/// A public form lets anyone choose the name, the email and the message of a lead, so no text of theirs reaches the
/// reply but their name reduced to a name (<see cref="SafeName"/>): the subject is rendered with the business's values
/// only, and <c>message_excerpt</c> is empty (V40 removed it from the templates). No link but the client's booking link.
/// </remarks>
public sealed class TemplateAutoReplyWriter(TenantDatabase database) : IAutoReplyWriter
{
    public const string Category = "auto_reply";

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new();

    public async Task<AutoReplyDraft> WriteAsync(AutoReplyRequest request, CancellationToken cancellationToken)
    {
        var lead = request.Lead;
        string name, subject, html, text;
        string? topic = null;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            var template = await AutoReplyTemplateRows.FindAsync(transaction, Category, request.Language, request.Tone, cancellationToken)
                ?? throw new InvalidOperationException($"No active '{Category}' email template for language '{request.Language}'.");
            (name, subject, html, text) = (template.Name, template.Subject, template.HtmlContent, template.PlainContent);
            if (lead.Intent is not null)
            {
                topic = await AutoReplyTemplateRows.IntentNameAsync(transaction, lead.Intent, request.Language, cancellationToken);
            }

            await AutoReplyTemplateRows.CountUseAsync(transaction, name, request.Language, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var business = new TemplateContext(Options);
        business.SetValue("business_name", request.Client.BusinessName);
        business.SetValue("request_topic", topic ?? "");
        var context = new TemplateContext(Options);
        var safeName = SafeName(lead.Name);
        context.SetValue("first_name", FirstName(safeName));
        context.SetValue("lead_name", safeName);
        context.SetValue("business_name", request.Client.BusinessName);
        context.SetValue("booking_link", request.Client.BookingLink ?? "");
        context.SetValue("message_excerpt", "");
        context.SetValue("request_topic", topic ?? "");

        return new AutoReplyDraft(
            OneLine(await RenderAsync(subject, business, NullEncoder.Default)),
            await RenderAsync(html, context, HtmlEncoder.Default),
            await RenderAsync(text, context, NullEncoder.Default),
            $"template:{name}/{request.Language}");
    }

    /// <summary>
    /// The name when it looks like a person's name — letters (any script, accents included), spaces, hyphens,
    /// apostrophes and periods, at most 3 words and 40 characters — else "" (the templates then greet without it). So a
    /// name field cannot carry a URL, an address, digits or a sentence into the reply.
    /// </summary>
    public static string SafeName(string? name)
    {
        var trimmed = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var looksLikeName = trimmed.Length is > 0 and <= 40 && words.Length <= 3
            && trimmed.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'' or '’' or '.')
            && words.All(word => word.Any(char.IsLetter) && !word.Contains("..", StringComparison.Ordinal));
        return looksLikeName ? trimmed : "";
    }

    /// <summary>The first word of the name as given, e.g. "Marie" of "Marie Tremblay"; "" when there is none.</summary>
    public static string FirstName(string? name) =>
        name?.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "";

    /// <summary>A subject is one line, whatever a template does.</summary>
    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<string> RenderAsync(string source, TemplateContext context, TextEncoder encoder)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"An auto-reply template does not parse: {error}");
        }

        return await template.RenderAsync(context, encoder);
    }
}

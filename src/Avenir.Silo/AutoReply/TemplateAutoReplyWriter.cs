using System.Text.Encodings.Web;
using Fluid;

namespace Avenir.Silo.AutoReply;

/// <summary>
/// Renders the auto-reply from <c>email_templates</c> (category <c>auto_reply</c>; migration V15) with Fluid
/// (Liquid): the active template for the reply's language and the client's tone, else that language's
/// Professional one. HTML is rendered with the values HTML-encoded, the subject and plain text without.
/// </summary>
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

        var context = new TemplateContext(Options);
        context.SetValue("first_name", FirstName(lead.Name));
        context.SetValue("lead_name", lead.Name.Trim());
        context.SetValue("business_name", request.Client.BusinessName);
        context.SetValue("booking_link", request.Client.BookingLink ?? "");
        context.SetValue("message_excerpt", Excerpt(lead.Message, 160));
        context.SetValue("request_topic", topic ?? "");

        return new AutoReplyDraft(
            (await RenderAsync(subject, context, NullEncoder.Default)).Trim(),
            await RenderAsync(html, context, HtmlEncoder.Default),
            await RenderAsync(text, context, NullEncoder.Default),
            $"template:{name}/{request.Language}");
    }

    /// <summary>The first word of the name as given, e.g. "Marie" of "Marie Tremblay"; "" when there is none.</summary>
    public static string FirstName(string? name) =>
        name?.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "";

    /// <summary>The message on one line, cut at a word boundary after at most <paramref name="max"/> characters.</summary>
    public static string Excerpt(string message, int max)
    {
        var flat = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', ';', ':', '.') + "…";
    }

    private static async Task<string> RenderAsync(string source, TemplateContext context, TextEncoder encoder)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"An auto-reply template does not parse: {error}");
        }

        return await template.RenderAsync(context, encoder);
    }
}

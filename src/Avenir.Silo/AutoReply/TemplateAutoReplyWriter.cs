using System.Text.Encodings.Web;
using Avenir.Infrastructure.Database;
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
            await using (var command = transaction.Command(
                """
                SELECT name, subject, html_content, plain_content FROM email_templates
                WHERE category = $1 AND language = $2 AND is_active AND (tone = $3 OR tone = 'Professional' OR tone IS NULL)
                ORDER BY (tone = $3) DESC NULLS LAST, (tone = 'Professional') DESC NULLS LAST, performance_score DESC NULLS LAST, name
                LIMIT 1
                """,
                Category, request.Language, request.Tone))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"No active '{Category}' email template for language '{request.Language}'.");
                }

                (name, subject, html, text) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }

            if (lead.Intent is not null)
            {
                await using var command = transaction.Command(
                    "SELECT CASE WHEN $2 = 'fr' THEN intent_fr ELSE intent_en END FROM intent_translations WHERE intent = $1", lead.Intent, request.Language);
                topic = await command.ExecuteScalarAsync(cancellationToken) as string;
            }

            await using (var usage = transaction.Command(
                "UPDATE email_templates SET usage_count = usage_count + 1 WHERE name = $1 AND language = $2", name, request.Language))
            {
                await usage.ExecuteNonQueryAsync(cancellationToken);
            }

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

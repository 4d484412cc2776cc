using System.Text.Json;

namespace Avenir.Grains.Outreach.Templates;

/// <summary>An <c>email_templates</c> row's content, variables as JSON text.</summary>
public sealed record EmailTemplateRow(
    Guid Id, string Name, string Language, string Subject, string HtmlContent, string PlainContent, string Variables, bool IsActive);

/// <summary>The template grain's statements on <c>email_templates</c> (agency table: system transactions).</summary>
public static class EmailTemplateRows
{
    public static Task<EmailTemplateRow?> FindAsync(TenantTransaction transaction, Guid templateId) =>
        transaction.QuerySingleOrDefaultAsync<EmailTemplateRow>(
            """
            SELECT id, name, language, subject, html_content, plain_content, variables::text AS variables, is_active
              FROM email_templates WHERE id = @templateId AND category <> @autoReply
            """,
            new { templateId, autoReply = EmailTemplateCategories.ClientAutoReply });

    /// <summary>The template as the engine takes it, or null.</summary>
    public static async Task<EmailTemplateContent?> FindContentAsync(TenantTransaction transaction, Guid templateId) =>
        await FindAsync(transaction, templateId) is { } row ? Content(row) : null;

    public static EmailTemplateContent Content(EmailTemplateRow row) =>
        new(row.Language, row.Subject, row.HtmlContent, row.PlainContent,
            JsonSerializer.Deserialize<TemplateVariableDeclaration[]>(row.Variables, Sql.Json) ?? []);

    /// <summary>
    /// Inserts or replaces the template; true when it was created, null when the id is a client auto-reply template (left
    /// as it is). Throws 23505 when the name is taken in that language.
    /// </summary>
    public static Task<bool?> UpsertAsync(TenantTransaction transaction, Guid templateId, EmailTemplateDraft draft, DateTimeOffset now) =>
        transaction.QuerySingleOrDefaultAsync<bool?>(
            """
            INSERT INTO email_templates (id, name, description, subject, html_content, plain_content, language, category, variables,
                                         is_active, created_at, updated_at)
            VALUES (@templateId, @Name, @Description, @Subject, @Html, @Text, @Language, @Category, @variables, @IsActive, @now, @now)
            ON CONFLICT (id) DO UPDATE
               SET name = excluded.name, description = excluded.description, subject = excluded.subject,
                   html_content = excluded.html_content, plain_content = excluded.plain_content, language = excluded.language,
                   category = excluded.category, variables = excluded.variables, is_active = excluded.is_active, updated_at = excluded.updated_at
             WHERE email_templates.category <> @autoReply
            RETURNING (xmax = 0) AS created
            """,
            new
            {
                templateId,
                draft.Name,
                draft.Description,
                draft.Subject,
                draft.Html,
                draft.Text,
                draft.Language,
                draft.Category,
                variables = Sql.Jsonb(draft.Variables.Select(v => new { name = v.Name, required = v.Required }).ToArray()),
                draft.IsActive,
                now,
                autoReply = EmailTemplateCategories.ClientAutoReply,
            });

    public static async Task<bool> DeleteAsync(TenantTransaction transaction, Guid templateId) =>
        await transaction.ExecuteAsync("DELETE FROM email_templates WHERE id = @templateId AND category <> @autoReply",
            new { templateId, autoReply = EmailTemplateCategories.ClientAutoReply }) == 1;
}

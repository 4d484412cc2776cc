namespace Avenir.Silo.AutoReply;

/// <summary>The template writer's statements on <c>email_templates</c> and <c>intent_translations</c> (system: agency reference data).</summary>
internal static class AutoReplyTemplateRows
{
    public sealed record Template(string Name, string Subject, string HtmlContent, string PlainContent);

    /// <summary>The active template of the category for the language and tone, else that language's Professional one.</summary>
    public static Task<Template?> FindAsync(
        TenantTransaction transaction, string category, string language, string tone, CancellationToken cancellationToken) =>
        transaction.QuerySingleOrDefaultAsync<Template>(
            """
            SELECT name, subject, html_content, plain_content FROM email_templates
             WHERE category = @category AND language = @language AND is_active AND (tone = @tone OR tone = 'Professional' OR tone IS NULL)
             ORDER BY (tone = @tone) DESC NULLS LAST, (tone = 'Professional') DESC NULLS LAST, performance_score DESC NULLS LAST, name
             LIMIT 1
            """,
            new { category, language, tone }, cancellationToken);

    /// <summary>The intent's name in the language (<c>intent_translations</c>), or null.</summary>
    public static Task<string?> IntentNameAsync(TenantTransaction transaction, string intent, string language, CancellationToken cancellationToken) =>
        transaction.ExecuteScalarAsync<string>(
            "SELECT CASE WHEN @language = 'fr' THEN intent_fr ELSE intent_en END FROM intent_translations WHERE intent = @intent",
            new { intent, language }, cancellationToken);

    public static Task CountUseAsync(TenantTransaction transaction, string name, string language, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "UPDATE email_templates SET usage_count = usage_count + 1 WHERE name = @name AND language = @language", new { name, language }, cancellationToken);
}

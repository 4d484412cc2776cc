using System.Text.Json;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>A template in the list (no bodies).</summary>
public sealed record EmailTemplateListItem
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Language { get; init; }
    public required string Category { get; init; }
    public required string Subject { get; init; }
    public bool IsActive { get; init; }
    public long UsageCount { get; init; }
    public decimal? PerformanceScore { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One template as the editor shows it.</summary>
public sealed record EmailTemplateDetail
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Language { get; init; }
    public required string Category { get; init; }
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }
    public JsonElement Variables { get; init; }
    public bool IsActive { get; init; }
    public long UsageCount { get; init; }
    public decimal? PerformanceScore { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// The admin API's reads of <c>email_templates</c> (system transactions: agency data). Templates are written by their
/// <c>IEmailTemplateGrain</c> only.
/// </summary>
public sealed class EmailTemplateQueries(TenantDatabase database)
{
    public async Task<IReadOnlyList<EmailTemplateListItem>> ListAsync(string? language, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<EmailTemplateListItem>(
            """
            SELECT id, name, description, language, category, subject, is_active, usage_count, performance_score, updated_at
              FROM email_templates
             WHERE (@language::text IS NULL OR language = @language) AND category <> @autoReply
             ORDER BY lower(name), language, id
            """, new { language, autoReply = EmailTemplateCategories.ClientAutoReply }, cancellationToken);
    }

    public async Task<EmailTemplateDetail?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<EmailTemplateDetail>(
            """
            SELECT id, name, description, language, category, subject, html_content AS html, plain_content AS text, variables, is_active,
                   usage_count, performance_score, created_at, updated_at
              FROM email_templates WHERE id = @id AND category <> @autoReply
            """, new { id, autoReply = EmailTemplateCategories.ClientAutoReply }, cancellationToken);
    }
}

namespace Avenir.Contracts.Outreach;

/// <summary>
/// One email template (key: template id): the single writer of its <c>email_templates</c> row. Saving validates the
/// subject, HTML and text against the declared variables (an unknown or missing variable is refused, named), so a
/// template that is stored always renders.
/// </summary>
[Alias("Avenir.Contracts.Outreach.IEmailTemplateGrain")]
public interface IEmailTemplateGrain : IGrainWithGuidKey
{
    /// <summary>Creates or replaces the template; nothing is written when there are problems.</summary>
    [Alias("Save")]
    Task<TemplateSaveResult> SaveAsync(EmailTemplateDraft draft);

    /// <summary>Renders the stored template with a real prospect's values (and the given sender), or says why it cannot.</summary>
    [Alias("Preview")]
    Task<TemplatePreview> PreviewAsync(Guid prospectId, CampaignSender? sender);

    /// <summary>Deletes the template (campaigns that used it keep their generated emails). False when it did not exist.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();
}

/// <summary>A template as an admin writes it.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EmailTemplateDraft")]
public sealed record class EmailTemplateDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Language,
    [property: Id(3)] string Category,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Html,
    [property: Id(6)] string Text,
    [property: Id(7)] IReadOnlyList<EmailTemplateVariable> Variables,
    [property: Id(8)] bool IsActive = true);

[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EmailTemplateVariable")]
public sealed record class EmailTemplateVariable([property: Id(0)] string Name, [property: Id(1)] bool Required = true);

/// <summary>One thing wrong with a template or its values (codes in docs/outreach-components.md).</summary>
/// <param name="Part"><c>subject</c>, <c>html</c>, <c>text</c>, <c>variables</c>, <c>language</c> or <c>values</c>.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.EmailTemplateProblem")]
public sealed record class EmailTemplateProblem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Part,
    [property: Id(2)] string? Variable,
    [property: Id(3)] string Message);

public enum TemplateSaveOutcome
{
    Saved,
    Invalid,

    /// <summary>Another template has this name in this language.</summary>
    NameTaken,
}

[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.TemplateSaveResult")]
public sealed record class TemplateSaveResult(
    [property: Id(0)] TemplateSaveOutcome Outcome,
    [property: Id(1)] IReadOnlyList<EmailTemplateProblem> Problems,
    [property: Id(2)] bool Created);

/// <summary>A rendered preview, or the problems (no template, no prospect, a value refused).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.TemplatePreview")]
public sealed record class TemplatePreview(
    [property: Id(0)] string? Subject,
    [property: Id(1)] string? Html,
    [property: Id(2)] string? Text,
    [property: Id(3)] IReadOnlyList<EmailTemplateProblem> Problems,
    [property: Id(4)] bool TemplateFound,
    [property: Id(5)] bool ProspectFound);

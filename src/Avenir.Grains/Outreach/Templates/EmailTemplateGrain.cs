using Avenir.Grains.Outreach.Campaigns;
using Npgsql;

namespace Avenir.Grains.Outreach.Templates;

/// <inheritdoc cref="IEmailTemplateGrain"/>
public sealed class EmailTemplateGrain(TenantDatabase database, TimeProvider time, ILogger<EmailTemplateGrain> logger) : Grain, IEmailTemplateGrain
{
    private const string PreviewUnsubscribeUrl = "https://example.invalid/u/preview";

    private Guid TemplateId => this.GetPrimaryKey();

    public async Task<TemplateSaveResult> SaveAsync(EmailTemplateDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<EmailTemplateProblem>();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200)
        {
            problems.Add(new("invalid_name", "name", null, "A template has a name of 1 to 200 characters."));
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(draft.Category, "^[a-z][a-z0-9_]{0,49}$", System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1)))
        {
            problems.Add(new("invalid_category", "category", null, "category is snake_case, e.g. outreach or follow_up."));
        }
        else if (draft.Category == EmailTemplateCategories.ClientAutoReply)
        {
            problems.Add(new("invalid_category", "category", null, "auto_reply templates are the clients' auto-replies, edited in their settings."));
        }

        problems.AddRange(OutreachTemplateEngine.Validate(Content(draft)).Select(View));
        if (problems.Count > 0)
        {
            return new(TemplateSaveOutcome.Invalid, problems, false);
        }

        try
        {
            await using var transaction = await database.BeginForSystemAsync();
            if (await EmailTemplateRows.UpsertAsync(transaction, TemplateId, draft with { Name = draft.Name.Trim() }, time.GetUtcNow())
                is not { } created)
            {
                return new(TemplateSaveOutcome.Invalid, [new("reserved_template", "id", null,
                    "This id is a client auto-reply template; outreach templates cannot replace it.")], false);
            }

            await transaction.CommitAsync();
            logger.LogInformation("Email template {TemplateId} '{Name}' ({Language}) {Action}", TemplateId, draft.Name, draft.Language, created
                ? "created" : "saved");
            return new(TemplateSaveOutcome.Saved, [], created);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new(TemplateSaveOutcome.NameTaken, [new("name_taken", "name", null,
                $"A {draft.Language} template is already named '{draft.Name}'.")], false);
        }
    }

    public async Task<TemplatePreview> PreviewAsync(Guid prospectId, CampaignSender? sender)
    {
        await using var transaction = await database.BeginForSystemAsync();
        var content = await EmailTemplateRows.FindContentAsync(transaction, TemplateId);
        var prospect = await CampaignProspectQueries.FindAsync(transaction, prospectId);
        if (content is null || prospect is null)
        {
            return new(null, null, null, [], content is not null, prospect is not null);
        }

        var compiled = OutreachTemplateEngine.Compile(content);
        if (compiled.Template is null)
        {
            return new(null, null, null, [.. compiled.Problems.Select(View)], true, true);
        }

        var values = CampaignGrain.Values(prospect, sender ?? PreviewSender, PreviewUnsubscribeUrl);
        var rendering = OutreachTemplateEngine.Render(compiled.Template, values);
        return rendering.Email is { } email
            ? new(email.Subject, email.Html, email.Text, [], true, true)
            : new(null, null, null, [.. rendering.Problems.Select(View)], true, true);
    }

    public async Task<bool> DeleteAsync()
    {
        await using var transaction = await database.BeginForSystemAsync();
        var deleted = await EmailTemplateRows.DeleteAsync(transaction, TemplateId);
        await transaction.CommitAsync();
        return deleted;
    }

    private static CampaignSender PreviewSender { get; } =
        new("preview", "Avenir", "hello@avenir.example", "Avenir", "1 Example Street, Montréal QC", "Sales", "+1 514 555 0100", "https://avenir.example/book");

    private static EmailTemplateContent Content(EmailTemplateDraft draft) =>
        new(draft.Language, draft.Subject, draft.Html, draft.Text, [.. draft.Variables.Select(v => new TemplateVariableDeclaration(v.Name, v.Required))]);

    private static EmailTemplateProblem View(TemplateProblem problem) => new(problem.Code, problem.Part, problem.Variable, problem.Message);
}

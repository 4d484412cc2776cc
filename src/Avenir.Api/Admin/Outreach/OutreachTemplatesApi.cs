using Avenir.Api.Dashboard;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>
/// The agency's email templates (EN/FR, subject + HTML + text, declared variables): written through
/// <see cref="IEmailTemplateGrain"/>, which validates at save (nothing stored when a variable is unknown or a required
/// one missing: a 400 that names it), read by <see cref="EmailTemplateQueries"/>; preview with a real prospect.
/// </summary>
public static class OutreachTemplatesApi
{
    public const string Path = "/outreach/templates";

    public static IEndpointRouteBuilder MapOutreachTemplatesApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin: outreach templates");
        admin.MapGet(Path, ListAsync).WithName("AdminListEmailTemplates").WithSummary("Templates (?language=en|fr), without their bodies.")
            .ProducesProblem(400);
        admin.MapGet(Path + "/{id:guid}", GetAsync).WithName("AdminGetEmailTemplate").ProducesProblem(404);
        admin.MapPost(Path, CreateAsync).WithName("AdminCreateEmailTemplate")
            .WithSummary("Creates a template; 400 names each unknown, undeclared or missing variable (problems[].code/part/variable).")
            .ProducesProblem(400).ProducesProblem(409);
        admin.MapPut(Path + "/{id:guid}", ReplaceAsync).WithName("AdminSaveEmailTemplate").WithSummary("Creates or replaces the template.")
            .ProducesProblem(400).ProducesProblem(409);
        admin.MapDelete(Path + "/{id:guid}", DeleteAsync).WithName("AdminDeleteEmailTemplate").ProducesProblem(404);
        admin.MapPost(Path + "/{id:guid}/preview", PreviewAsync).WithName("AdminPreviewEmailTemplate")
            .WithSummary("Renders the stored template with a real prospect's values (and an optional sender).")
            .ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    /// <summary>A template as the editor sends it; <c>variables</c> are declared with whether each is required.</summary>
    public sealed record TemplateRequest(
        string? Name, string? Description, string? Language, string? Category, string? Subject, string? Html, string? Text,
        IReadOnlyList<TemplateVariableRequest>? Variables, bool? IsActive);

    public sealed record TemplateVariableRequest(string? Name, bool? Required);

    public sealed record PreviewRequest(Guid? ProspectId, CampaignSender? Sender);

    public sealed record PreviewResponse(string Subject, string Html, string Text);

    public static async Task<Results<Ok<IReadOnlyList<EmailTemplateListItem>>, ProblemHttpResult>> ListAsync(
        string? language, EmailTemplateQueries queries, CancellationToken cancellationToken)
    {
        if (language is not (null or "en" or "fr"))
        {
            return DashboardProblems.Invalid("invalid_request", "language", "language is en or fr.");
        }

        return TypedResults.Ok(await queries.ListAsync(language, cancellationToken));
    }

    public static async Task<Results<Ok<EmailTemplateDetail>, ProblemHttpResult>> GetAsync(
        Guid id, EmailTemplateQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } template ? TypedResults.Ok(template) : DashboardProblems.NotFound("template");

    public static async Task<Results<Created<EmailTemplateDetail>, ProblemHttpResult>> CreateAsync(
        TemplateRequest request, IGrainFactory grains, EmailTemplateQueries queries, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        if (await SaveAsync(id, request, grains) is { } refused)
        {
            return refused;
        }

        return TypedResults.Created($"/api/admin{Path}/{id}", await queries.FindAsync(id, cancellationToken));
    }

    public static async Task<Results<Ok<EmailTemplateDetail>, ProblemHttpResult>> ReplaceAsync(
        Guid id, TemplateRequest request, IGrainFactory grains, EmailTemplateQueries queries, CancellationToken cancellationToken)
    {
        if (await SaveAsync(id, request, grains) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok((await queries.FindAsync(id, cancellationToken))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, IGrainFactory grains) =>
        await grains.GetGrain<IEmailTemplateGrain>(id).DeleteAsync() ? TypedResults.NoContent() : DashboardProblems.NotFound("template");

    public static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> PreviewAsync(Guid id, PreviewRequest request, IGrainFactory grains)
    {
        if (request.ProspectId is not { } prospectId)
        {
            return DashboardProblems.Invalid("invalid_request", "prospectId", "prospectId is required: the id of a real prospect to render with.");
        }

        if (request.Sender is { } sender && OutreachRequests.SenderProblem(sender) is { } senderProblem)
        {
            return DashboardProblems.Invalid("invalid_request", "sender", senderProblem);
        }

        var preview = await grains.GetGrain<IEmailTemplateGrain>(id).PreviewAsync(prospectId, request.Sender);
        if (!preview.TemplateFound)
        {
            return DashboardProblems.NotFound("template");
        }

        if (!preview.ProspectFound)
        {
            return DashboardProblems.NotFound("prospect");
        }

        return preview.Problems.Count > 0
            ? OutreachProblems.InvalidTemplate(preview.Problems, "template_not_renderable")
            : TypedResults.Ok(new PreviewResponse(preview.Subject!, preview.Html!, preview.Text!));
    }

    /// <summary>Saves through the grain; the problem to answer, or null when it was stored.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(Guid id, TemplateRequest request, IGrainFactory grains)
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(missing, "name", request.Name);
        Require(missing, "language", request.Language);
        Require(missing, "subject", request.Subject);
        Require(missing, "html", request.Html);
        Require(missing, "text", request.Text);
        if (request.Variables?.Any(v => v is null || string.IsNullOrWhiteSpace(v.Name)) == true)
        {
            missing["variables"] = ["Every declared variable has a name."];
        }

        if (missing.Count > 0)
        {
            return DashboardProblems.Invalid(missing);
        }

        var draft = new EmailTemplateDraft(request.Name!, request.Description, request.Language!, request.Category ?? "outreach", request.Subject!,
            request.Html!, request.Text!, [.. (request.Variables ?? []).Select(v => new EmailTemplateVariable(v.Name!, v.Required ?? true))],
            request.IsActive ?? true);
        var saved = await grains.GetGrain<IEmailTemplateGrain>(id).SaveAsync(draft);
        return saved.Outcome switch
        {
            TemplateSaveOutcome.Saved => null,
            TemplateSaveOutcome.NameTaken =>
                OutreachProblems.NameTaken(saved.Problems.Count > 0 ? saved.Problems[0].Message : "The name is taken in this language."),
            _ => OutreachProblems.InvalidTemplate(saved.Problems),
        };
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null)
        {
            errors[field] = [$"{field} is required."];
        }
    }
}

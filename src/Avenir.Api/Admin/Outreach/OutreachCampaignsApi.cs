using Avenir.Api.Auth;
using Avenir.Api.Dashboard;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>
/// The agency's outreach campaigns (docs/decisions/0013): every write through the campaign's <see cref="ICampaignGrain"/>
/// (its single writer), the detail with the grain's live metrics (no SQL per poll), the lists and the review queue read
/// by <see cref="OutreachCampaignQueries"/>. A campaign belongs to the signed-in admin's (internal) client account.
/// </summary>
public static class OutreachCampaignsApi
{
    public const string Path = "/outreach/campaigns";

    public static IEndpointRouteBuilder MapOutreachCampaignsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin: outreach campaigns");
        admin.MapPost(Path, CreateAsync).WithName("AdminCreateCampaign")
            .WithSummary("Creates a draft campaign: {name, target:{industries, regions, language, minScore, maxScore, tested}, settings}.")
            .ProducesProblem(400);
        admin.MapGet(Path, ListAsync).WithName("AdminListCampaigns").WithSummary("Campaigns (?status=draft|active|paused|completed).")
            .ProducesProblem(400);
        admin.MapGet(Path + "/{id:guid}", GetAsync).WithName("AdminGetCampaign")
            .WithSummary("The campaign with its live metrics (from its grain: poll it freely).").ProducesProblem(404);
        admin.MapGet(Path + "/{id:guid}/ab-tests", AbTestsAsync).WithName("AdminCampaignAbTests")
            .WithSummary("The campaign's A/B tests by language: each arm's sample, clicks, replies, the z-test's p-value and the winner.")
            .ProducesProblem(404);
        admin.MapGet(Path + "/{id:guid}/timeline", TimelineAsync).WithName("AdminCampaignTimeline")
            .WithSummary("The campaign's sends, opens, clicks, replies, bounces and unsubscribes by day (its zone), the last 90 days.")
            .ProducesProblem(404);
        admin.MapPut(Path + "/{id:guid}", UpdateAsync).WithName("AdminUpdateCampaign")
            .WithSummary("Changes name, target and settings (draft or paused only).").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        admin.MapPost(Path + "/{id:guid}/generate", GenerateAsync).WithName("AdminGenerateCampaignEmails")
            .WithSummary("Writes one pending email per targeted prospect and step (idempotent).").ProducesProblem(404);
        admin.MapGet(Path + "/{id:guid}/emails", EmailsAsync).WithName("AdminListCampaignEmails")
            .WithSummary("The campaign's emails for review (?status=pending&step=1&limit&offset).").ProducesProblem(400).ProducesProblem(404);
        admin.MapPost(Path + "/{id:guid}/review", ReviewAsync).WithName("AdminReviewCampaignEmails")
            .WithSummary("Approves or rejects pending first emails (with their follow-ups): {emailIds:[…] | allPending:true, approve, reason}.")
            .ProducesProblem(400).ProducesProblem(404);
        foreach (var (action, status) in Transitions)
        {
            admin.MapPost(Path + "/{id:guid}/" + action, (Guid id, IGrainFactory grains) => ChangeStatusAsync(id, status, grains))
                .WithName("AdminCampaign" + char.ToUpperInvariant(action[0]) + action[1..])
                .WithSummary($"Makes the campaign {status}.").ProducesProblem(404).ProducesProblem(409);
        }

        return app;
    }

    /// <summary>The status actions: resume is the way back from paused (as a pause for bounces also ends).</summary>
    private static readonly (string Action, string Status)[] Transitions =
    [
        ("activate", CampaignStatuses.Active),
        ("pause", CampaignStatuses.Paused),
        ("resume", CampaignStatuses.Active),
        ("complete", CampaignStatuses.Completed),
    ];

    public sealed record CampaignRequest(string? Name, CampaignTarget? Target, CampaignSettings? Settings);

    public sealed record ReviewRequest(IReadOnlyList<Guid>? EmailIds, bool? AllPending, bool? Approve, string? Reason);

    public static async Task<Results<Created<CampaignSnapshot>, ProblemHttpResult>> CreateAsync(
        CampaignRequest request, HttpContext http, IGrainFactory grains)
    {
        if (Definition(request) is not { } definition)
        {
            return Invalid(request);
        }

        var id = Guid.NewGuid();
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        var owner = DashboardUser.From(http.User)!.ClientId;
        var created = await campaign.CreateAsync(new CampaignDraft(owner, definition.Name, definition.Target, definition.Settings));
        if (created.Outcome != CampaignOutcome.Done)
        {
            return Refused(created);
        }

        return TypedResults.Created($"/api/admin{Path}/{id}", await campaign.GetAsync());
    }

    public static async Task<Results<Ok<IReadOnlyList<CampaignListItem>>, ProblemHttpResult>> ListAsync(
        string? status, OutreachCampaignQueries queries, CancellationToken cancellationToken)
    {
        if (status is not null && !CampaignStatuses.All.Contains(status))
        {
            return DashboardProblems.Invalid("invalid_request", "status", "status is draft, active, paused or completed.");
        }

        return TypedResults.Ok(await queries.ListAsync(status, cancellationToken));
    }

    public static async Task<Results<Ok<CampaignSnapshot>, ProblemHttpResult>> GetAsync(Guid id, IGrainFactory grains) =>
        await grains.GetGrain<ICampaignGrain>(id).GetAsync() is { } campaign ? TypedResults.Ok(campaign) : DashboardProblems.NotFound("campaign");

    public static async Task<Results<Ok<IReadOnlyList<CampaignAbTestStatus>>, ProblemHttpResult>> AbTestsAsync(Guid id, IGrainFactory grains)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        return await campaign.GetAsync() is null ? DashboardProblems.NotFound("campaign") : TypedResults.Ok(await campaign.GetAbTestsAsync());
    }

    public static async Task<Results<Ok<IReadOnlyList<CampaignDayItem>>, ProblemHttpResult>> TimelineAsync(
        Guid id, IGrainFactory grains, OutreachCampaignQueries queries, TimeProvider time, CancellationToken cancellationToken) =>
        await grains.GetGrain<ICampaignGrain>(id).GetAsync() is { } campaign
            ? TypedResults.Ok(await queries.TimelineAsync(id, campaign.Settings.DefaultTimeZone, time.GetUtcNow(), cancellationToken))
            : DashboardProblems.NotFound("campaign");

    public static async Task<Results<Ok<CampaignSnapshot>, ProblemHttpResult>> UpdateAsync(Guid id, CampaignRequest request, IGrainFactory grains)
    {
        if (Definition(request) is not { } definition)
        {
            return Invalid(request);
        }

        var campaign = grains.GetGrain<ICampaignGrain>(id);
        var updated = await campaign.UpdateAsync(definition.Name, definition.Target, definition.Settings);
        return updated.Outcome == CampaignOutcome.Done ? TypedResults.Ok((await campaign.GetAsync())!) : Refused(updated);
    }

    public static async Task<Results<Ok<EmailGeneration>, ProblemHttpResult>> GenerateAsync(Guid id, IGrainFactory grains)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        if (await campaign.GetAsync() is null)
        {
            return DashboardProblems.NotFound("campaign");
        }

        return TypedResults.Ok(await campaign.GenerateEmailsAsync());
    }

    public static async Task<Results<Ok<IReadOnlyList<CampaignEmailItem>>, ProblemHttpResult>> EmailsAsync(
        Guid id, string? status, int? step, int? limit, int? offset, IGrainFactory grains, OutreachCampaignQueries queries,
        CancellationToken cancellationToken)
    {
        if (status is not null && !OutreachEmailStatuses.All.Contains(status))
        {
            return DashboardProblems.Invalid("invalid_request", "status", $"status is one of {string.Join(", ", OutreachEmailStatuses.All)}.");
        }

        if (step is < 1 or > 6 || limit is < 1 or > OutreachCampaignQueries.MaxEmailsPerPage || offset is < 0)
        {
            return DashboardProblems.Invalid("invalid_request", "step", $"step is 1–6, limit 1–{OutreachCampaignQueries.MaxEmailsPerPage}, offset ≥ 0.");
        }

        if (await grains.GetGrain<ICampaignGrain>(id).GetAsync() is null)
        {
            return DashboardProblems.NotFound("campaign");
        }

        return TypedResults.Ok(await queries.EmailsAsync(id, status, step, limit ?? 100, offset ?? 0, cancellationToken));
    }

    public static async Task<Results<Ok<EmailReviewResult>, ProblemHttpResult>> ReviewAsync(
        Guid id, ReviewRequest request, HttpContext http, IGrainFactory grains, OutreachCampaignQueries queries, CancellationToken cancellationToken)
    {
        if (request.Approve is not { } approve)
        {
            return DashboardProblems.Invalid("invalid_request", "approve", "approve is true (approve) or false (reject).");
        }

        if ((request.EmailIds is null) == (request.AllPending != true))
        {
            return DashboardProblems.Invalid("invalid_request", "emailIds", "Send either emailIds (one or more) or allPending: true.");
        }

        if (request.EmailIds is { Count: 0 or > OutreachCampaignQueries.MaxEmailsPerPage })
        {
            return DashboardProblems.Invalid("invalid_request", "emailIds", $"emailIds holds 1 to {OutreachCampaignQueries.MaxEmailsPerPage} ids.");
        }

        var campaign = grains.GetGrain<ICampaignGrain>(id);
        if (await campaign.GetAsync() is null)
        {
            return DashboardProblems.NotFound("campaign");
        }

        var ids = request.EmailIds ?? await queries.PendingFirstEmailsAsync(id, cancellationToken);
        var reviewer = DashboardUser.From(http.User)!.Email;
        return TypedResults.Ok(await campaign.ReviewAsync(new EmailReview(ids, approve, reviewer, request.Reason)));
    }

    public static async Task<Results<Ok<CampaignSnapshot>, ProblemHttpResult>> ChangeStatusAsync(Guid id, string status, IGrainFactory grains)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        var changed = await campaign.ChangeStatusAsync(status);
        return changed.Outcome == CampaignOutcome.Done ? TypedResults.Ok((await campaign.GetAsync())!) : Refused(changed);
    }

    private sealed record CampaignDefinition(string Name, CampaignTarget Target, CampaignSettings Settings);

    private static CampaignDefinition? Definition(CampaignRequest request) =>
        request.Name is { } name && OutreachRequests.Target(request.Target) is { } target && OutreachRequests.SettingsProblem(request.Settings) is null
            ? new CampaignDefinition(name, target, request.Settings!)
            : null;

    private static ProblemHttpResult Invalid(CampaignRequest request)
    {
        if (request.Name is null)
        {
            return DashboardProblems.Invalid("invalid_campaign", "name", "name is required.");
        }

        if (OutreachRequests.Target(request.Target) is null)
        {
            return DashboardProblems.Invalid("invalid_campaign", "target", "target's industries and regions hold non-empty names.");
        }

        var (parameter, detail) = OutreachRequests.SettingsProblem(request.Settings)!.Value;
        return DashboardProblems.Invalid("invalid_campaign", parameter, detail);
    }

    /// <summary>A command the grain refused, as the problem it is.</summary>
    private static ProblemHttpResult Refused(CampaignCommandResult result) => result.Outcome switch
    {
        CampaignOutcome.NotFound => DashboardProblems.NotFound("campaign"),
        CampaignOutcome.Invalid => DashboardProblems.Invalid(result.Code ?? "invalid_campaign", "settings", result.Message ?? "The campaign is not valid."),
        _ => DashboardProblems.Conflict(result.Code ?? "conflict", result.Message ?? "The campaign's status does not allow this."),
    };
}

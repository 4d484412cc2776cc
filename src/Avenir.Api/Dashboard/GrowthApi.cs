using Avenir.Contracts.Growth;

namespace Avenir.Api.Dashboard;

/// <summary>
/// The growth brain on the client dashboard ("Growth Copilot"): the live figures from the client's grain,
/// a full recompute on demand, and the user's correction of a lead's AI labels (which feeds both the
/// learning loop and the figures). Same session, CSRF and <c>?clientId=</c> rules as <see cref="DashboardApi"/>.
/// </summary>
public static class GrowthApi
{
    public static IEndpointRouteBuilder MapGrowthApi(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapDashboardGroup();
        var growth = dashboard.MapGroup("/growth").WithTags("Growth brain");
        growth.MapGet("/", GetAsync).WithName("GetGrowth")
            .WithSummary("The client's growth figures and EN/FR insights, live from its grain (kept current on every lead event).");
        growth.MapPost("/refresh", RefreshAsync).WithName("RefreshGrowth")
            .WithSummary(
                "Recomputes the growth figures from the tables now and publishes them (source: recompute); "
                + "with an LLM configured, also asks it for new insights (a job).");
        dashboard.MapPatch("/leads/{leadId:guid}/enrichment", CorrectAsync).WithName("CorrectLeadEnrichment").WithTags("Dashboard leads")
            .WithSummary("Corrects the lead's AI labels (intent, urgency, tone; omitted ones are kept): feedback for the learning loop.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    /// <summary>The labels to set; at least one. Labels are matched case-insensitively (e.g. <c>high</c> → <c>High</c>).</summary>
    public sealed record EnrichmentCorrectionRequest(string? Intent, string? Urgency, string? Tone);

    public static async Task<Results<Ok<GrowthBrainReport>, ProblemHttpResult>> GetAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).GetGrowthAsync() is { } report
            ? TypedResults.Ok(report)
            : DashboardProblems.NotFound("client");

    public static async Task<Results<Ok<GrowthBrainReport>, ProblemHttpResult>> RefreshAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).RefreshGrowthAsync() is { } report
            ? TypedResults.Ok(report)
            : DashboardProblems.NotFound("client");

    public static async Task<Results<Ok<LeadCommandAnswers.LeadStatusView>, ProblemHttpResult>> CorrectAsync(
        Guid leadId, EnrichmentCorrectionRequest? request, HttpContext http, IGrainFactory grains)
    {
        if (request is null || (request.Intent, request.Urgency, request.Tone) is (null, null, null))
        {
            return DashboardProblems.Invalid("empty_correction", "intent", "Give at least one of intent, urgency and tone.");
        }

        var errors = new Dictionary<string, string[]>();
        Check(request.Intent, "intent", LeadLabels.Intent, LeadLabels.Intents.Keys, errors);
        Check(request.Urgency, "urgency", LeadLabels.Urgency, LeadLabels.Urgencies, errors);
        Check(request.Tone, "tone", LeadLabels.Tone, LeadLabels.Tones, errors);
        if (errors.Count > 0)
        {
            return Leads.IntakeProblems.Validation(LeadRefusals.InvalidLabel, "Unknown label", errors);
        }

        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId)
            .CorrectEnrichmentAsync(request.Intent, request.Urgency, request.Tone, caller.PerformedBy);
        return LeadCommandAnswers.Answer(leadId, result);
    }

    private static void Check(string? value, string field, Func<string, string?> canonical, IEnumerable<string> labels, Dictionary<string, string[]> errors)
    {
        if (value is not null && canonical(value) is null)
        {
            errors[field] = [$"'{DashboardCallerFilter.Truncate(value)}' is not one of: {string.Join(", ", labels)}."];
        }
    }
}

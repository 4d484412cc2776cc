using System.Text;
using Avenir.Api.Auth;

namespace Avenir.Api.Dashboard;

/// <summary>
/// The client dashboard's lead API (cookie session; mutating requests need <c>X-CSRF-Token</c>). A lead or
/// note of another client is answered 404, exactly as one that does not exist.
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/dashboard")
            .RequireAuthorization()
            .AddEndpointFilter<DashboardCallerFilter>()
            .AddEndpointFilter<CsrfProtection>()
            .ProducesProblem(401).ProducesProblem(403);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapDashboardGroup();
        var leads = dashboard.MapGroup("/leads").WithTags("Dashboard leads");
        leads.MapGet("/", ListAsync).WithName("ListLeads")
            .WithSummary("Leads, filtered, sorted and paged: by keyset in the received order (cursor = a page's nextCursor), else by page. "
                + "The total is the client's grain's count unless filters narrow the list (totalSource).")
            .ProducesProblem(400);
        leads.MapGet("/export.csv", ExportAsync).WithName("ExportLeads")
            .WithSummary("The leads matching the same filters as the list, as CSV (RFC 4180, formula-safe).")
            .Produces(200, contentType: "text/csv").ProducesProblem(400);
        leads.MapGet("/{leadId:guid}", DetailAsync).WithName("GetLeadDetail")
            .WithSummary("One lead: fields, metadata, enrichment and its histories, auto-reply, notes, actions.")
            .ProducesProblem(404);
        leads.MapDelete("/{leadId:guid}", EraseAsync).WithName("EraseLead")
            .WithSummary("Erases the lead and its rows (data-subject request): admin only, with ?erase=true. Soft delete is POST …/delete.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

        leads.MapPost("/{leadId:guid}/tag", TagAsync).WithName("TagLead").WithSummary("Sets the lead's tag.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        MapCommand(leads, "archive", "ArchiveLead", "Archives the lead.", (grain, by) => grain.ArchiveAsync(by));
        MapCommand(leads, "unarchive", "UnarchiveLead", "Takes the lead out of the archive.", (grain, by) => grain.UnarchiveAsync(by));
        MapCommand(leads, "delete", "DeleteLead", "Soft-deletes the lead (restorable).", (grain, by) => grain.SoftDeleteAsync(by));
        MapCommand(leads, "restore", "RestoreLead", "Restores a soft-deleted lead.", (grain, by) => grain.RestoreAsync(by));
        MapCommand(leads, "reactivate", "ReactivateLead", "Makes the lead active again (neither archived nor deleted).",
            (grain, by) => grain.ReactivateAsync(by));
        MapCommand(leads, "convert", "ConvertLead", "Marks the lead converted (tag Converted; conversion feedback).", (grain, by) => grain.ConvertAsync(by));
        leads.MapPost("/{leadId:guid}/revert-conversion", RevertConversionAsync).WithName("RevertLeadConversion")
            .WithSummary("Undoes a conversion, with a reason.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        leads.MapGet("/{leadId:guid}/notes", NotesAsync).WithName("ListLeadNotes").WithSummary("The lead's notes, oldest first.")
            .ProducesProblem(404);
        leads.MapPost("/{leadId:guid}/notes", AddNoteAsync).WithName("AddLeadNote").WithSummary("Adds a note.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        leads.MapPut("/{leadId:guid}/notes/{noteId:guid}", EditNoteAsync).WithName("EditLeadNote")
            .WithSummary("Edits a note (the old text is kept in its history).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        leads.MapDelete("/{leadId:guid}/notes/{noteId:guid}", DeleteNoteAsync).WithName("DeleteLeadNote").WithSummary("Deletes a note (soft).")
            .ProducesProblem(404).ProducesProblem(409);

        dashboard.MapGet("/activity", ActivityAsync).WithName("Activity").WithTags("Dashboard")
            .WithSummary("The client's lead actions, newest first.").ProducesProblem(400);
        dashboard.MapGet("/stats", StatsAsync).WithName("Stats").WithTags("Dashboard")
            .WithSummary("Live lead counters kept by the client's grain.");
        return app;
    }

    public sealed record TagRequest(string? Tag);

    public sealed record RevertRequest(string? Reason);

    public sealed record NoteRequest(string? Text);

    public static async Task<Results<Ok<ListPage<LeadListItem>>, ProblemHttpResult>> ListAsync(
        HttpContext http, LeadQueries queries, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!LeadFilter.TryParse(http.Request.Query, out var filter, out var problem))
        {
            return problem;
        }

        var clientId = DashboardCaller.Of(http).ClientId;
        // Nothing but the status narrows the list: its total is the count the client's grain keeps (no count per poll).
        long? known = null;
        if (!filter.Narrowed)
        {
            var stats = await grains.GetGrain<IClientGrain>(clientId).GetDashboardStatsAsync();
            known = filter.Status switch
            {
                "active" => stats.Active,
                "archived" => stats.Archived,
                "deleted" => stats.Deleted,
                "converted" => stats.Converted,
                _ => stats.Total,
            };
        }

        return TypedResults.Ok(await queries.ListAsync(clientId, filter, known, cancellationToken));
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAsync(
        HttpContext http, LeadQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!LeadFilter.TryParse(http.Request.Query, out var filter, out var problem))
        {
            return problem;
        }

        var caller = DashboardCaller.Of(http);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"leads-{time.GetUtcNow():yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await writer.WriteAsync(LeadCsv.Line(LeadCsv.Header));
        await queries.ExportAsync(caller.ClientId, filter, row => writer.WriteAsync(LeadCsv.Line(row)), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    public static async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> DetailAsync(
        Guid leadId, HttpContext http, LeadQueries queries, CancellationToken cancellationToken) =>
        await queries.DetailAsync(DashboardCaller.Of(http).ClientId, leadId, cancellationToken) is { } lead
            ? TypedResults.Ok(lead)
            : DashboardProblems.NotFound("lead");

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(Guid leadId, HttpContext http, IGrainFactory grains, ILogger<LeadQueries> logger)
    {
        var caller = DashboardCaller.Of(http);
        if (!string.Equals(http.Request.Query["erase"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return DashboardProblems.Invalid("erase_not_confirmed", "erase",
                "A hard delete needs ?erase=true (admin only); to delete a lead restorably, POST …/delete.");
        }

        if (!caller.User.IsAdmin)
        {
            return DashboardProblems.Forbidden("Erasing a lead (data-subject request) needs the admin role.");
        }

        if (!await grains.GetLeadGrain(caller.ClientId, leadId).EraseAsync(caller.PerformedBy))
        {
            return DashboardProblems.NotFound("lead");
        }

        logger.LogInformation("Erased lead {LeadId} of client {ClientId} at the request of admin {AdminId}", leadId, caller.ClientId, caller.User.ClientId);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<LeadCommandAnswers.LeadStatusView>, ProblemHttpResult>> TagAsync(
        Guid leadId, TagRequest request, HttpContext http, IGrainFactory grains)
    {
        var tag = request.Tag?.Trim();
        if (string.IsNullOrEmpty(tag) || tag.Length > 50)
        {
            return DashboardProblems.Invalid("invalid_tag", "tag", "A tag has 1 to 50 characters.");
        }

        return await CommandAsync(http, grains, leadId, (grain, by) => grain.TagAsync(tag, by));
    }

    public static async Task<Results<Ok<LeadCommandAnswers.LeadStatusView>, ProblemHttpResult>> RevertConversionAsync(
        Guid leadId, RevertRequest request, HttpContext http, IGrainFactory grains)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return DashboardProblems.Invalid("invalid_reason", "reason", "Say why the conversion is reverted (1 to 1000 characters).");
        }

        return await CommandAsync(http, grains, leadId, (grain, by) => grain.RevertConversionAsync(reason, by));
    }

    public static async Task<Results<Ok<IReadOnlyList<NoteView>>, ProblemHttpResult>> NotesAsync(
        Guid leadId, HttpContext http, LeadQueries queries, CancellationToken cancellationToken) =>
        await queries.NotesAsync(DashboardCaller.Of(http).ClientId, leadId, cancellationToken) is { } notes
            ? TypedResults.Ok(notes)
            : DashboardProblems.NotFound("lead");

    public static async Task<Results<Created<NoteView>, ProblemHttpResult>> AddNoteAsync(
        Guid leadId, NoteRequest request, HttpContext http, IGrainFactory grains)
    {
        if (NoteText(request) is not { } text)
        {
            return NoteProblem();
        }

        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId).AddNoteAsync(text, caller.PerformedBy);
        return result switch
        {
            { Outcome: LeadCommandOutcome.Applied, Note: { } note } => TypedResults.Created($"/api/dashboard/leads/{leadId}/notes/{note.Id}", View(note)),
            _ => NoteRefused(result),
        };
    }

    public static async Task<Results<Ok<NoteView>, ProblemHttpResult>> EditNoteAsync(
        Guid leadId, Guid noteId, NoteRequest request, HttpContext http, IGrainFactory grains)
    {
        if (NoteText(request) is not { } text)
        {
            return NoteProblem();
        }

        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId).EditNoteAsync(noteId, text, caller.PerformedBy);
        return result switch
        {
            { Outcome: LeadCommandOutcome.Applied, Note: { } note } => TypedResults.Ok(View(note)),
            _ => NoteRefused(result),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNoteAsync(Guid leadId, Guid noteId, HttpContext http, IGrainFactory grains)
    {
        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId).DeleteNoteAsync(noteId, caller.PerformedBy);
        return result.Outcome == LeadCommandOutcome.Applied ? TypedResults.NoContent() : NoteRefused(result);
    }

    public static async Task<Results<Ok<ListPage<ActionView>>, ProblemHttpResult>> ActivityAsync(
        HttpContext http, LeadQueries queries, CancellationToken cancellationToken)
    {
        var paging = new QueryCollection(http.Request.Query
            .Where(pair => pair.Key is "page" or "pageSize")
            .ToDictionary(pair => pair.Key, pair => pair.Value));
        return LeadFilter.TryParse(paging, out var filter, out var problem)
            ? TypedResults.Ok(await queries.ActivityAsync(DashboardCaller.Of(http).ClientId, filter.Page, filter.PageSize, cancellationToken))
            : problem;
    }

    public static async Task<Ok<ClientDashboardStats>> StatsAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).GetDashboardStatsAsync());

    private static void MapCommand(
        RouteGroupBuilder leads, string verb, string name, string summary, Func<ILeadGrain, string, Task<LeadCommandResult>> command) =>
        leads.MapPost($"/{{leadId:guid}}/{verb}", (Guid leadId, HttpContext http, IGrainFactory grains) => CommandAsync(http, grains, leadId, command))
            .WithName(name).WithSummary(summary)
            .ProducesProblem(404).ProducesProblem(409);

    private static async Task<Results<Ok<LeadCommandAnswers.LeadStatusView>, ProblemHttpResult>> CommandAsync(
        HttpContext http, IGrainFactory grains, Guid leadId, Func<ILeadGrain, string, Task<LeadCommandResult>> command)
    {
        var caller = DashboardCaller.Of(http);
        return LeadCommandAnswers.Answer(leadId, await command(grains.GetLeadGrain(caller.ClientId, leadId), caller.PerformedBy));
    }

    private static ProblemHttpResult NoteRefused(LeadNoteResult result) => result.Outcome == LeadCommandOutcome.Refused
        ? LeadCommandAnswers.Refused(result.Refusal)
        : DashboardProblems.NotFound("lead or note");

    private static string? NoteText(NoteRequest request) =>
        string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 10_000 ? null : request.Text.Trim();

    private static ProblemHttpResult NoteProblem() => DashboardProblems.Invalid("invalid_note", "text", "A note has 1 to 10,000 characters.");

    private static NoteView View(LeadNote note) => new(note.Id, note.Text, note.PerformedBy, note.CreatedAt, note.UpdatedAt,
        [.. note.EditHistory.Select(edit => new NoteEditView(edit.Text, edit.EditedAt, edit.PerformedBy))]);
}

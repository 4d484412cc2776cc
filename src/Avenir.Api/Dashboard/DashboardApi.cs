using System.Text;
using Avenir.Api.Auth;
using Avenir.Contracts.Clients;
using Avenir.Contracts.Leads;

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
            .WithSummary("Leads, filtered, sorted and paged (page past the end: empty items, with the total).")
            .Produces<ListPage<LeadListItem>>().ProducesProblem(400);
        leads.MapGet("/export.csv", ExportAsync).WithName("ExportLeads")
            .WithSummary("The leads matching the same filters as the list, as CSV (RFC 4180, formula-safe).")
            .Produces(200, contentType: "text/csv").ProducesProblem(400);
        leads.MapGet("/{leadId:guid}", DetailAsync).WithName("GetLeadDetail")
            .WithSummary("One lead: fields, metadata, enrichment and its histories, auto-reply, notes, actions.")
            .Produces<LeadDetail>().ProducesProblem(404);
        leads.MapDelete("/{leadId:guid}", EraseAsync).WithName("EraseLead")
            .WithSummary("Erases the lead and its rows (data-subject request): admin only, with ?erase=true. Soft delete is POST …/delete.")
            .Produces(204).ProducesProblem(400).ProducesProblem(404);

        leads.MapPost("/{leadId:guid}/tag", TagAsync).WithName("TagLead").WithSummary("Sets the lead's tag.")
            .Produces<LeadStatusView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        MapCommand(leads, "archive", "ArchiveLead", "Archives the lead.", (grain, by) => grain.ArchiveAsync(by));
        MapCommand(leads, "unarchive", "UnarchiveLead", "Takes the lead out of the archive.", (grain, by) => grain.UnarchiveAsync(by));
        MapCommand(leads, "delete", "DeleteLead", "Soft-deletes the lead (restorable).", (grain, by) => grain.SoftDeleteAsync(by));
        MapCommand(leads, "restore", "RestoreLead", "Restores a soft-deleted lead.", (grain, by) => grain.RestoreAsync(by));
        MapCommand(leads, "reactivate", "ReactivateLead", "Makes the lead active again (neither archived nor deleted).", (grain, by) => grain.ReactivateAsync(by));
        MapCommand(leads, "convert", "ConvertLead", "Marks the lead converted (tag Converted; conversion feedback).", (grain, by) => grain.ConvertAsync(by));
        leads.MapPost("/{leadId:guid}/revert-conversion", RevertConversionAsync).WithName("RevertLeadConversion")
            .WithSummary("Undoes a conversion, with a reason.")
            .Produces<LeadStatusView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        leads.MapGet("/{leadId:guid}/notes", NotesAsync).WithName("ListLeadNotes").WithSummary("The lead's notes, oldest first.")
            .Produces<IReadOnlyList<NoteView>>().ProducesProblem(404);
        leads.MapPost("/{leadId:guid}/notes", AddNoteAsync).WithName("AddLeadNote").WithSummary("Adds a note.")
            .Produces<NoteView>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        leads.MapPut("/{leadId:guid}/notes/{noteId:guid}", EditNoteAsync).WithName("EditLeadNote").WithSummary("Edits a note (the old text is kept in its history).")
            .Produces<NoteView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        leads.MapDelete("/{leadId:guid}/notes/{noteId:guid}", DeleteNoteAsync).WithName("DeleteLeadNote").WithSummary("Deletes a note (soft).")
            .Produces(204).ProducesProblem(404).ProducesProblem(409);

        dashboard.MapGet("/activity", ActivityAsync).WithName("Activity").WithTags("Dashboard")
            .WithSummary("The client's lead actions, newest first.").Produces<ListPage<ActionView>>().ProducesProblem(400);
        dashboard.MapGet("/stats", StatsAsync).WithName("Stats").WithTags("Dashboard")
            .WithSummary("Live lead counters kept by the client's grain.").Produces<ClientDashboardStats>();
        return app;
    }

    /// <summary>A lead's state after a command.</summary>
    public sealed record LeadStatusView(Guid Id, string? Tag, bool Archived, bool Deleted, bool Converted, DateTimeOffset? ConvertedAt, bool Changed);

    public sealed record TagRequest(string? Tag);

    public sealed record RevertRequest(string? Reason);

    public sealed record NoteRequest(string? Text);

    public static async Task<IResult> ListAsync(HttpContext http, LeadQueries queries, CancellationToken cancellationToken)
    {
        var (filter, problem) = LeadFilter.Parse(http.Request.Query);
        return problem ?? TypedResults.Ok(await queries.ListAsync(DashboardCaller.Of(http).ClientId, filter!, cancellationToken));
    }

    public static async Task<IResult> ExportAsync(HttpContext http, LeadQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var (filter, problem) = LeadFilter.Parse(http.Request.Query);
        if (problem is not null)
        {
            return problem;
        }

        var caller = DashboardCaller.Of(http);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"leads-{time.GetUtcNow():yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await writer.WriteAsync(LeadCsv.Line(LeadCsv.Header));
        await queries.ExportAsync(caller.ClientId, filter!, row => writer.WriteAsync(LeadCsv.Line(row)), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    public static async Task<IResult> DetailAsync(Guid leadId, HttpContext http, LeadQueries queries, CancellationToken cancellationToken) =>
        await queries.DetailAsync(DashboardCaller.Of(http).ClientId, leadId, cancellationToken) is { } lead
            ? TypedResults.Ok(lead)
            : DashboardProblems.NotFound("lead");

    public static async Task<IResult> EraseAsync(Guid leadId, HttpContext http, IGrainFactory grains, ILogger<LeadQueries> logger)
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

    public static Task<IResult> TagAsync(Guid leadId, TagRequest request, HttpContext http, IGrainFactory grains)
    {
        var tag = request.Tag?.Trim();
        if (string.IsNullOrEmpty(tag) || tag.Length > 50)
        {
            return Task.FromResult<IResult>(DashboardProblems.Invalid("invalid_tag", "tag", "A tag has 1 to 50 characters."));
        }

        return CommandAsync(http, grains, leadId, (grain, by) => grain.TagAsync(tag, by));
    }

    public static Task<IResult> RevertConversionAsync(Guid leadId, RevertRequest request, HttpContext http, IGrainFactory grains)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return Task.FromResult<IResult>(DashboardProblems.Invalid("invalid_reason", "reason", "Say why the conversion is reverted (1 to 1000 characters)."));
        }

        return CommandAsync(http, grains, leadId, (grain, by) => grain.RevertConversionAsync(reason, by));
    }

    public static async Task<IResult> NotesAsync(Guid leadId, HttpContext http, LeadQueries queries, CancellationToken cancellationToken) =>
        await queries.NotesAsync(DashboardCaller.Of(http).ClientId, leadId, cancellationToken) is { } notes
            ? TypedResults.Ok(notes)
            : DashboardProblems.NotFound("lead");

    public static async Task<IResult> AddNoteAsync(Guid leadId, NoteRequest request, HttpContext http, IGrainFactory grains)
    {
        if (NoteProblem(request) is { } problem)
        {
            return problem;
        }

        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId).AddNoteAsync(request.Text!.Trim(), caller.PerformedBy);
        return NoteResult(result, note => TypedResults.Created($"/api/dashboard/leads/{leadId}/notes/{note.Id}", View(note)));
    }

    public static async Task<IResult> EditNoteAsync(Guid leadId, Guid noteId, NoteRequest request, HttpContext http, IGrainFactory grains)
    {
        if (NoteProblem(request) is { } problem)
        {
            return problem;
        }

        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId).EditNoteAsync(noteId, request.Text!.Trim(), caller.PerformedBy);
        return NoteResult(result, note => TypedResults.Ok(View(note)));
    }

    public static async Task<IResult> DeleteNoteAsync(Guid leadId, Guid noteId, HttpContext http, IGrainFactory grains)
    {
        var caller = DashboardCaller.Of(http);
        var result = await grains.GetLeadGrain(caller.ClientId, leadId).DeleteNoteAsync(noteId, caller.PerformedBy);
        return NoteResult(result, _ => TypedResults.NoContent());
    }

    public static async Task<IResult> ActivityAsync(HttpContext http, LeadQueries queries, CancellationToken cancellationToken)
    {
        var (filter, problem) = LeadFilter.Parse(new QueryCollection(http.Request.Query
            .Where(pair => pair.Key is "page" or "pageSize")
            .ToDictionary(pair => pair.Key, pair => pair.Value)));
        return problem ?? TypedResults.Ok(await queries.ActivityAsync(DashboardCaller.Of(http).ClientId, filter!.Page, filter.PageSize, cancellationToken));
    }

    public static async Task<IResult> StatsAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).GetDashboardStatsAsync());

    private static void MapCommand(RouteGroupBuilder leads, string verb, string name, string summary, Func<ILeadGrain, string, Task<LeadCommandResult>> command) =>
        leads.MapPost($"/{{leadId:guid}}/{verb}", (Guid leadId, HttpContext http, IGrainFactory grains) => CommandAsync(http, grains, leadId, command))
            .WithName(name).WithSummary(summary)
            .Produces<LeadStatusView>().ProducesProblem(404).ProducesProblem(409);

    private static async Task<IResult> CommandAsync(HttpContext http, IGrainFactory grains, Guid leadId, Func<ILeadGrain, string, Task<LeadCommandResult>> command)
    {
        var caller = DashboardCaller.Of(http);
        var result = await command(grains.GetLeadGrain(caller.ClientId, leadId), caller.PerformedBy);
        return result.Outcome switch
        {
            LeadCommandOutcome.NotFound => DashboardProblems.NotFound("lead"),
            LeadCommandOutcome.Refused => Refused(result.Refusal),
            _ => TypedResults.Ok(new LeadStatusView(leadId, result.Status!.Tag, result.Status.Archived, result.Status.Deleted,
                result.Status.Converted, result.Status.ConvertedAt, result.Outcome == LeadCommandOutcome.Applied)),
        };
    }

    private static IResult NoteResult(LeadNoteResult result, Func<LeadNote, IResult> applied) => result.Outcome switch
    {
        LeadCommandOutcome.NotFound => DashboardProblems.NotFound("lead or note"),
        LeadCommandOutcome.Refused => Refused(result.Refusal),
        _ => applied(result.Note ?? new LeadNote { Id = Guid.Empty, LeadId = Guid.Empty, Text = "", PerformedBy = "" }),
    };

    private static IResult Refused(string? refusal) => refusal switch
    {
        "lead_deleted" => DashboardProblems.Conflict("lead_deleted", "The lead is deleted: restore it first."),
        "not_converted" => DashboardProblems.Conflict("not_converted", "The lead is not converted."),
        _ => DashboardProblems.Conflict(refusal ?? "conflict", "The command does not apply to the lead's current state."),
    };

    private static IResult? NoteProblem(NoteRequest request) =>
        string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 10_000
            ? DashboardProblems.Invalid("invalid_note", "text", "A note has 1 to 10,000 characters.")
            : null;

    private static NoteView View(LeadNote note) => new(note.Id, note.Text, note.PerformedBy, note.CreatedAt, note.UpdatedAt,
        [.. note.EditHistory.Select(edit => new NoteEditView(edit.Text, edit.EditedAt, edit.PerformedBy))]);
}

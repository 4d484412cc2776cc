using Avenir.Grains.Growth;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Grains.Leads;

// The dashboard's commands. Each reads the lead's status under a row lock, decides, and writes the lead
// with its lead_actions row (and, for conversions, its feedback_tracking row) in one tenant transaction;
// then tells the client's grain, which keeps the dashboard counters and the growth figures.
public sealed partial class LeadGrain
{
    public Task<LeadCommandResult> TagAsync(string tag, string performedBy) =>
        ChangeAsync(performedBy, status =>
            status.Deleted ? Refuse(LeadRefusals.LeadDeleted)
            : status.Tag == tag ? Keep()
            : Change(status with { Tag = tag }, new LeadAction(LeadActionTypes.Tagged) { Tag = tag }));

    public Task<LeadCommandResult> ArchiveAsync(string performedBy) =>
        ChangeAsync(performedBy, status =>
            status.Deleted ? Refuse(LeadRefusals.LeadDeleted)
            : status.Archived ? Keep()
            : Change(status with { Archived = true }, new LeadAction(LeadActionTypes.Archived)));

    public Task<LeadCommandResult> UnarchiveAsync(string performedBy) =>
        ChangeAsync(performedBy, status =>
            status.Deleted ? Refuse(LeadRefusals.LeadDeleted)
            : !status.Archived ? Keep()
            : Change(status with { Archived = false }, new LeadAction(LeadActionTypes.Reactivated) { Metadata = new() { ["from"] = "archived" } }));

    public Task<LeadCommandResult> SoftDeleteAsync(string performedBy) =>
        ChangeAsync(performedBy, status =>
            status.Deleted ? Keep()
            : Change(status with { Deleted = true }, new LeadAction(LeadActionTypes.Deleted)));

    public Task<LeadCommandResult> RestoreAsync(string performedBy) =>
        ChangeAsync(performedBy, status =>
            !status.Deleted ? Keep()
            : Change(status with { Deleted = false }, new LeadAction(LeadActionTypes.Restored)));

    public Task<LeadCommandResult> ReactivateAsync(string performedBy) =>
        ChangeAsync(performedBy, status =>
            !status.Deleted && !status.Archived ? Keep()
            : Change(status with { Deleted = false, Archived = false }, new LeadAction(LeadActionTypes.Reactivated)
            {
                Metadata = new() { ["from"] = status.Deleted ? "deleted" : "archived", ["wasArchived"] = status.Archived },
            }));

    public Task<LeadCommandResult> ConvertAsync(string performedBy) =>
        ChangeAsync(performedBy, status =>
            status.Deleted ? Refuse(LeadRefusals.LeadDeleted)
            : status.Converted ? Keep()
            : Change(
                status with { ConvertedAt = time.GetUtcNow(), Tag = ConvertedTag },
                new LeadAction(LeadActionTypes.Converted) { Tag = ConvertedTag, ConversionOutcome = true }));

    public Task<LeadCommandResult> RevertConversionAsync(string reason, string performedBy) =>
        ChangeAsync(performedBy, status =>
            status.Deleted ? Refuse(LeadRefusals.LeadDeleted)
            : !status.Converted ? Refuse(LeadRefusals.NotConverted)
            : Change(status with { ConvertedAt = null, Tag = status.Tag == ConvertedTag ? null : status.Tag },
                new LeadAction(LeadActionTypes.Reverted) { ConversionOutcome = false, Reason = reason }));

    public Task<LeadNoteResult> AddNoteAsync(string text, string performedBy) =>
        ChangeNoteAsync(noteId: null, performedBy, LeadActionTypes.NoteAdded, async (transaction, now) =>
            await LeadManagementRows.InsertNoteAsync(transaction, ClientId, LeadId, text, performedBy, now));

    public Task<LeadNoteResult> EditNoteAsync(Guid noteId, string text, string performedBy) =>
        ChangeNoteAsync(noteId, performedBy, LeadActionTypes.NoteEdited, async (transaction, now) =>
            await LeadManagementRows.EditNoteAsync(transaction, ClientId, LeadId, noteId, text, performedBy, now) ?? NoNote);

    public Task<LeadNoteResult> DeleteNoteAsync(Guid noteId, string performedBy) =>
        ChangeNoteAsync(noteId, performedBy, LeadActionTypes.NoteDeleted, async (transaction, now) =>
            await LeadManagementRows.DeleteNoteAsync(transaction, ClientId, LeadId, noteId, now) ? null : NoNote);

    public async Task<bool> EraseAsync(string performedBy)
    {
        LeadStatus? erased;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            erased = await LeadManagementRows.EraseAsync(transaction, ClientId, LeadId);
            await transaction.CommitAsync();
        }

        if (erased is null)
        {
            return false;
        }

        (lead, loaded) = (null, true);
        Logger.LogInformation("Lead {LeadId} of client {ClientId} erased (data-subject request) by {PerformedBy}", LeadId, ClientId, performedBy);
        await NotifyClientAsync(erased, null);
        DeactivateOnIdle();
        return true;
    }

    private const string ConvertedTag = "Converted";

    /// <summary>Sentinel for "no such visible note" from a note change (a deleted note answers null).</summary>
    private static readonly LeadNote NoNote = new() { Id = Guid.Empty, LeadId = Guid.Empty, Text = "", PerformedBy = "" };

    private ILogger Logger => ServiceProvider.GetRequiredService<ILogger<LeadGrain>>();

    private async Task<LeadCommandResult> ChangeAsync(string performedBy, Func<LeadStatus, LeadDecision> decide)
    {
        var now = time.GetUtcNow();
        LeadStatus before, after;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            if (await LeadManagementRows.LockStatusAsync(transaction, ClientId, LeadId) is not { } current)
            {
                return LeadCommandResult.NotFound;
            }

            var decision = decide(current);
            if (decision.Refusal is { } refusal)
            {
                return new LeadCommandResult(LeadCommandOutcome.Refused, current, refusal);
            }

            if (decision.After is not { } changed || decision.Action is not { } action)
            {
                return new LeadCommandResult(LeadCommandOutcome.Unchanged, current);
            }

            (before, after) = (current, changed);
            await LeadManagementRows.UpdateStatusAsync(transaction, ClientId, LeadId, after, now);
            await LeadManagementRows.InsertActionAsync(transaction, ClientId, LeadId, action, performedBy, now);
            if (action.Type == LeadActionTypes.Tagged && after.Tag is { } tag)
            {
                await LeadManagementRows.InsertTagFeedbackAsync(transaction, ClientId, LeadId, tag, current.Tag, now);
            }

            if (action.ConversionOutcome is { } converted)
            {
                await LeadManagementRows.InsertConversionFeedbackAsync(transaction, ClientId, LeadId, converted, action.Reason, performedBy, now);
            }

            await transaction.CommitAsync();
        }

        loaded = false; // the snapshot lags the row now: read it back on next need
        await NotifyClientAsync(before, after);
        return new LeadCommandResult(LeadCommandOutcome.Applied, after);
    }

    /// <summary>
    /// Locks the lead, refuses a deleted one, applies <paramref name="change"/> and records the action on the note
    /// (<paramref name="noteId"/>, or the new note's id when it is null), all in one transaction.
    /// </summary>
    private async Task<LeadNoteResult> ChangeNoteAsync(
        Guid? noteId, string performedBy, string actionType, Func<TenantTransaction, DateTimeOffset, Task<LeadNote?>> change)
    {
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForClientAsync(ClientId);
        if (await LeadManagementRows.LockStatusAsync(transaction, ClientId, LeadId) is not { } status)
        {
            return new LeadNoteResult(LeadCommandOutcome.NotFound, null);
        }

        if (status.Deleted)
        {
            return new LeadNoteResult(LeadCommandOutcome.Refused, null, LeadRefusals.LeadDeleted);
        }

        var note = await change(transaction, now);
        if (ReferenceEquals(note, NoNote))
        {
            return new LeadNoteResult(LeadCommandOutcome.NotFound, null);
        }

        await LeadManagementRows.InsertActionAsync(transaction, ClientId, LeadId, NoteAction(actionType, noteId ?? note!.Id), performedBy, now);
        await transaction.CommitAsync();
        return new LeadNoteResult(LeadCommandOutcome.Applied, note);
    }

    /// <summary>
    /// Keeps the client's counters and growth figures current (<paramref name="before"/> null: the lead was just
    /// created; <paramref name="after"/> null: erased). Awaited (the client grain never calls back, so no deadlock),
    /// but a failure only logs: the change is committed, the counters are recounted every few minutes and the
    /// growth figures recomputed weekly or on demand.
    /// </summary>
    private async Task NotifyClientAsync(LeadStatus? before, LeadStatus? after)
    {
        try
        {
            await GrainFactory.GetGrain<IClientGrain>(ClientId).RecordLeadChangedAsync(before, after);
        }
        catch (Exception exception)
        {
            Logger.LogWarning(exception, "Could not update the counters of client {ClientId} after a change to lead {LeadId}", ClientId, LeadId);
        }
    }

    private static LeadAction NoteAction(string actionType, Guid noteId) => new(actionType) { Metadata = new() { ["noteId"] = noteId } };

    private static LeadDecision Refuse(string refusal) => new(null, null, refusal);

    private static LeadDecision Keep() => new(null, null, null);

    private static LeadDecision Change(LeadStatus after, LeadAction action) => new(after, action, null);

    private sealed record LeadDecision(LeadStatus? After, LeadAction? Action, string? Refusal);
}

/// <summary>A <c>lead_actions</c> row to write.</summary>
internal sealed record LeadAction(string Type)
{
    public string? Tag { get; init; }
    public bool? ConversionOutcome { get; init; }
    public string? Reason { get; init; }
    public Dictionary<string, object?> Metadata { get; init; } = [];
}

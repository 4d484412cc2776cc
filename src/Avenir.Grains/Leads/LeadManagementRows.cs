using System.Text.Json;
using Avenir.Contracts.Learning;

namespace Avenir.Grains.Leads;

/// <summary>The statements of the dashboard's lead commands, run by the lead's grain inside its tenant transaction.</summary>
internal static class LeadManagementRows
{
    private const string Note = "id, lead_id, note AS text, performed_by, created_at, updated_at, edit_history";

    /// <summary>The columns of a <see cref="LeadStatus"/>, for any statement that returns a lead's status.</summary>
    internal const string Status =
        "current_tag AS tag, archived, deleted, converted_at, created_at AS received_at, language, intent, tone, urgency, confidence_score AS confidence";

    /// <summary>The lead's status, row-locked until the transaction ends; null when this tenant has no such lead.</summary>
    public static Task<LeadStatus?> LockStatusAsync(TenantTransaction transaction, Guid clientId, Guid leadId) =>
        transaction.QuerySingleOrDefaultAsync<LeadStatus>(
            $"SELECT {Status} FROM lead_memory WHERE client_id = @clientId AND id = @leadId FOR UPDATE", new { clientId, leadId });

    public static Task UpdateStatusAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadStatus status, DateTimeOffset at) =>
        // archived_at / deleted_at are set exactly while their flag is (V11's pair checks); an unchanged flag keeps its time.
        transaction.ExecuteAsync(
            """
            UPDATE lead_memory
               SET current_tag = @Tag,
                   archived = @Archived, archived_at = CASE WHEN @Archived THEN COALESCE(archived_at, @at) END,
                   deleted = @Deleted, deleted_at = CASE WHEN @Deleted THEN COALESCE(deleted_at, @at) END,
                   converted_at = @ConvertedAt,
                   updated_at = @at
             WHERE client_id = @clientId AND id = @leadId
            """,
            new { clientId, leadId, status.Tag, status.Archived, status.Deleted, status.ConvertedAt, at });

    public static Task InsertActionAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadAction action, string performedBy, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO lead_actions (lead_id, client_id, action_type, tag, "timestamp", conversion_outcome, reversion_reason, performed_by, metadata,
                                      is_test, created_at)
            SELECT @leadId, @clientId, @Type, @Tag, @at, @ConversionOutcome, @Reason, @performedBy, @metadata, is_test, @at
              FROM lead_memory WHERE client_id = @clientId AND id = @leadId
            """,
            new { leadId, clientId, action.Type, action.Tag, at, action.ConversionOutcome, action.Reason, performedBy, metadata = Sql.Jsonb(action.Metadata) });

    /// <summary>The real outcome of the lead for the learning loop: what was predicted, and whether it converted.</summary>
    public static Task InsertConversionFeedbackAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, bool converted, string? reason, string performedBy, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, notes, model_name, is_test,
                                           expires_at, created_at, updated_at)
            SELECT id, client_id, @action, @outcome, confidence_score,
                   jsonb_build_object(
                       'kind', @kind::text,
                       'predicted', jsonb_build_object('intent', intent, 'urgency', urgency, 'tone', tone, 'language', language,
                                                       'confidence', confidence_score),
                       'actual', jsonb_build_object('converted', @converted),
                       'performedBy', @performedBy::text),
                   @reason, enrichment_model, is_test, @at::timestamptz + interval '1 year', @at, @at
              FROM lead_memory WHERE client_id = @clientId AND id = @leadId
            """,
            new
            {
                clientId,
                leadId,
                action = FeedbackKinds.LeadConversionAction,
                outcome = converted ? FeedbackKinds.Positive : FeedbackKinds.Negative,
                kind = converted ? FeedbackKinds.Conversion : FeedbackKinds.ConversionReverted,
                converted,
                reason,
                performedBy,
                at,
            });

    /// <summary>A user set a tag: a neutral outcome for the learning loop (what the client thinks of the lead).</summary>
    public static Task InsertTagFeedbackAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string tag, string? previousTag, DateTimeOffset at) =>
        LeadFeedbackRows.InsertUserActionAsync(
            transaction, clientId, leadId, FeedbackKinds.Neutral,
            new Dictionary<string, object?> { ["kind"] = FeedbackKinds.Tag, ["tag"] = tag, ["previousTag"] = previousTag }, at);

    public static async Task<LeadNote> InsertNoteAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, string text, string performedBy, DateTimeOffset at) =>
        (await transaction.QuerySingleAsync<NoteRow>(
            $"""
            INSERT INTO lead_notes (lead_id, client_id, note, performed_by, is_test, created_at, updated_at)
            SELECT @leadId, @clientId, @text, @performedBy, is_test, @at, @at FROM lead_memory WHERE client_id = @clientId AND id = @leadId
            RETURNING {Note}
            """,
            new { clientId, leadId, text, performedBy, at })).ToNote();

    /// <summary>Replaces a visible note's text, appending the old one to its history; null when there is no such note.</summary>
    public static async Task<LeadNote?> EditNoteAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, Guid noteId, string text, string performedBy, DateTimeOffset at) =>
        (await transaction.QuerySingleOrDefaultAsync<NoteRow>(
            $"""
            UPDATE lead_notes
               SET edit_history = edit_history || jsonb_build_array(jsonb_build_object('note', note, 'edited_at', @at::timestamptz,
                                                                                       'performed_by', @performedBy::text)),
                   note = @text, updated_at = @at
             WHERE client_id = @clientId AND lead_id = @leadId AND id = @noteId AND deleted_at IS NULL
            RETURNING {Note}
            """,
            new { clientId, leadId, noteId, text, at, performedBy }))?.ToNote();

    public static async Task<bool> DeleteNoteAsync(TenantTransaction transaction, Guid clientId, Guid leadId, Guid noteId, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            "UPDATE lead_notes SET deleted_at = @at, updated_at = @at "
            + "WHERE client_id = @clientId AND lead_id = @leadId AND id = @noteId AND deleted_at IS NULL",
            new { clientId, leadId, noteId, at }) == 1;

    /// <summary>Deletes the lead row (its actions, notes and request logs cascade); returns its status before, or null.</summary>
    public static Task<LeadStatus?> EraseAsync(TenantTransaction transaction, Guid clientId, Guid leadId) =>
        transaction.QuerySingleOrDefaultAsync<LeadStatus>(
            $"DELETE FROM lead_memory WHERE client_id = @clientId AND id = @leadId RETURNING {Status}", new { clientId, leadId });

    /// <summary>Reads <c>lead_notes.edit_history</c>: <c>[{"note", "edited_at", "performed_by"}]</c>, oldest first.</summary>
    public static IReadOnlyList<LeadNoteEdit> ReadEditHistory(JsonElement history) =>
        [.. history.EnumerateArray().Select(edit => new LeadNoteEdit(
            edit.TryGetProperty("note", out var note) ? note.GetString() ?? "" : "",
            edit.TryGetProperty("edited_at", out var at) ? at.GetDateTimeOffset() : default,
            edit.TryGetProperty("performed_by", out var by) ? by.GetString() : null))];

    private sealed record NoteRow(
        Guid Id, Guid LeadId, string Text, string PerformedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonElement EditHistory)
    {
        public LeadNote ToNote() => new()
        {
            Id = Id,
            LeadId = LeadId,
            Text = Text,
            PerformedBy = PerformedBy,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            EditHistory = ReadEditHistory(EditHistory),
        };
    }
}

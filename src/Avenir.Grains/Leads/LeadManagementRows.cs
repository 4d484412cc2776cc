using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>The statements of the dashboard's lead commands, run by the lead's grain inside its tenant transaction.</summary>
internal static class LeadManagementRows
{
    private const string NoteColumns = "id, lead_id, note, performed_by, created_at, updated_at, edit_history";

    /// <summary>What <see cref="ReadStatus"/> reads: the status, then the enrichment labels (the growth figures' facts).</summary>
    /// <summary>The columns <see cref="ReadStatus"/> reads, for any statement that returns a lead's status.</summary>
    internal const string StatusColumns = "current_tag, archived, deleted, converted_at, created_at, language, intent, tone, urgency, confidence_score";

    /// <summary>The lead's status, row-locked until the transaction ends; null when this tenant has no such lead.</summary>
    public static async Task<LeadStatus?> LockStatusAsync(TenantTransaction transaction, Guid clientId, Guid leadId)
    {
        await using var command = transaction.Command(
            $"SELECT {StatusColumns} FROM lead_memory WHERE client_id = $1 AND id = $2 FOR UPDATE",
            clientId, leadId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadStatus(reader) : null;
    }

    public static async Task UpdateStatusAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadStatus status, DateTimeOffset at)
    {
        // archived_at / deleted_at are set exactly while their flag is (V11's pair checks); an unchanged flag keeps its time.
        await using var command = transaction.Command(
            """
            UPDATE lead_memory
               SET current_tag = $3,
                   archived = $4, archived_at = CASE WHEN $4 THEN COALESCE(archived_at, $7) END,
                   deleted = $5, deleted_at = CASE WHEN $5 THEN COALESCE(deleted_at, $7) END,
                   converted_at = $6,
                   updated_at = $7
             WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId, Nullable(status.Tag, NpgsqlDbType.Text), status.Archived, status.Deleted,
            Nullable(status.ConvertedAt, NpgsqlDbType.TimestampTz), at);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task InsertActionAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadAction action, string performedBy, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            INSERT INTO lead_actions (lead_id, client_id, action_type, tag, "timestamp", conversion_outcome, reversion_reason, performed_by, metadata, is_test, created_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, is_test, $5 FROM lead_memory WHERE client_id = $2 AND id = $1
            """,
            leadId, clientId, action.Type, Nullable(action.Tag, NpgsqlDbType.Text), at,
            Nullable(action.ConversionOutcome, NpgsqlDbType.Boolean), Nullable(action.Reason, NpgsqlDbType.Text), performedBy, Jsonb(action.Metadata));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The real outcome of the lead for the learning loop: what was predicted, and whether it converted.</summary>
    public static async Task InsertConversionFeedbackAsync(TenantTransaction transaction, Guid clientId, Guid leadId, bool converted, string? reason, string performedBy, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, notes, model_name, is_test, expires_at, created_at, updated_at)
            SELECT id, client_id, 'lead_conversion', CASE WHEN $3 THEN 'positive' ELSE 'negative' END, confidence_score,
                   jsonb_build_object(
                       'kind', CASE WHEN $3 THEN 'conversion' ELSE 'conversion_reverted' END,
                       'predicted', jsonb_build_object('intent', intent, 'urgency', urgency, 'tone', tone, 'language', language, 'confidence', confidence_score),
                       'actual', jsonb_build_object('converted', $3),
                       'performedBy', $5::text),
                   $4, enrichment_model, is_test, $6::timestamptz + interval '1 year', $6, $6
              FROM lead_memory WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId, converted, Nullable(reason, NpgsqlDbType.Text), performedBy, at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A user set a tag: a neutral outcome for the learning loop (what the client thinks of the lead).</summary>
    public static async Task InsertTagFeedbackAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string tag, string? previousTag, DateTimeOffset at)
    {
        var context = new Dictionary<string, object?> { ["kind"] = "tag", ["tag"] = tag, ["previousTag"] = previousTag };
        await using var command = transaction.Command(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, model_name, is_test, expires_at, created_at, updated_at)
            SELECT id, client_id, 'user_action', 'neutral', confidence_score, $3, enrichment_model, is_test, $4::timestamptz + interval '1 year', $4, $4
              FROM lead_memory WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId, Jsonb(context), at);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<LeadNote> InsertNoteAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string text, string performedBy, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            $"""
            INSERT INTO lead_notes (lead_id, client_id, note, performed_by, is_test, created_at, updated_at)
            SELECT $2, $1, $3, $4, is_test, $5, $5 FROM lead_memory WHERE client_id = $1 AND id = $2
            RETURNING {NoteColumns}
            """,
            clientId, leadId, text, performedBy, at);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ReadNote(reader);
    }

    /// <summary>Replaces a visible note's text, appending the old one to its history; null when there is no such note.</summary>
    public static async Task<LeadNote?> EditNoteAsync(TenantTransaction transaction, Guid clientId, Guid leadId, Guid noteId, string text, string performedBy, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            $"""
            UPDATE lead_notes
               SET edit_history = edit_history || jsonb_build_array(jsonb_build_object('note', note, 'edited_at', $5::timestamptz, 'performed_by', $6::text)),
                   note = $4, updated_at = $5
             WHERE client_id = $1 AND lead_id = $2 AND id = $3 AND deleted_at IS NULL
            RETURNING {NoteColumns}
            """,
            clientId, leadId, noteId, text, at, performedBy);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadNote(reader) : null;
    }

    public static async Task<bool> DeleteNoteAsync(TenantTransaction transaction, Guid clientId, Guid leadId, Guid noteId, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            "UPDATE lead_notes SET deleted_at = $4, updated_at = $4 WHERE client_id = $1 AND lead_id = $2 AND id = $3 AND deleted_at IS NULL",
            clientId, leadId, noteId, at);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Deletes the lead row (its actions, notes and request logs cascade); returns its status before, or null.</summary>
    public static async Task<LeadStatus?> EraseAsync(TenantTransaction transaction, Guid clientId, Guid leadId)
    {
        await using var command = transaction.Command(
            $"DELETE FROM lead_memory WHERE client_id = $1 AND id = $2 RETURNING {StatusColumns}",
            clientId, leadId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadStatus(reader) : null;
    }

    internal static LeadStatus ReadStatus(NpgsqlDataReader reader) => new()
    {
        Tag = reader.IsDBNull(0) ? null : reader.GetString(0),
        Archived = reader.GetBoolean(1),
        Deleted = reader.GetBoolean(2),
        ConvertedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
        ReceivedAt = reader.GetFieldValue<DateTimeOffset>(4),
        Language = reader.IsDBNull(5) ? null : reader.GetString(5),
        Intent = reader.IsDBNull(6) ? null : reader.GetString(6),
        Tone = reader.IsDBNull(7) ? null : reader.GetString(7),
        Urgency = reader.IsDBNull(8) ? null : reader.GetString(8),
        Confidence = reader.IsDBNull(9) ? null : reader.GetDecimal(9),
    };

    private static LeadNote ReadNote(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        LeadId = reader.GetGuid(1),
        Text = reader.GetString(2),
        PerformedBy = reader.GetString(3),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(5),
        EditHistory = ReadEditHistory(reader.GetString(6)),
    };

    /// <summary>Reads <c>lead_notes.edit_history</c>: <c>[{"note", "edited_at", "performed_by"}]</c>, oldest first.</summary>
    public static IReadOnlyList<LeadNoteEdit> ReadEditHistory(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(edit => new LeadNoteEdit(
            edit.TryGetProperty("note", out var note) ? note.GetString() ?? "" : "",
            edit.TryGetProperty("edited_at", out var at) ? at.GetDateTimeOffset() : default,
            edit.TryGetProperty("performed_by", out var by) ? by.GetString() : null))];
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    private static NpgsqlParameter Jsonb(object value) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value) };
}

using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>
/// The statements of the work that follows a lead's capture (enrichment, auto-reply), run by the lead's
/// grain inside its tenant transaction. Columns added by migration V16.
/// </summary>
internal static class LeadProcessingRows
{
    public static async Task<LeadProcessing?> FindAsync(TenantTransaction transaction, Guid clientId, Guid leadId)
    {
        await using var command = transaction.Command(
            """
            SELECT enrichment_status, enrichment_model, enriched_at, enrichment_job_id,
                   auto_reply_status, auto_reply_message_id, auto_reply_sent_at, auto_reply_note
            FROM lead_memory WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new LeadProcessing
        {
            EnrichmentStatus = reader.GetString(0),
            EnrichmentModel = reader.IsDBNull(1) ? null : reader.GetString(1),
            EnrichedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            EnrichmentJobId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
            AutoReplyStatus = reader.IsDBNull(4) ? null : reader.GetString(4),
            AutoReplyMessageId = reader.IsDBNull(5) ? null : reader.GetString(5),
            AutoReplySentAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            AutoReplyNote = reader.IsDBNull(7) ? null : reader.GetString(7),
        };
    }

    /// <summary>
    /// Writes the enrichment and appends <c>{value, at, model}</c> to the three histories, unless this job's
    /// enrichment is already there. Returns false when nothing was written (already applied, or no such lead).
    /// </summary>
    /// <summary>Applies the enrichment unless this job's was applied already; returns the lead's status as stored, or null when nothing changed.</summary>
    public static async Task<LeadStatus?> ApplyEnrichmentAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadEnrichment enrichment, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            $"""
            UPDATE lead_memory
            SET language = $3, intent = $4, tone = $5, urgency = $6, confidence_score = round($7::numeric, 2), ai_summary = $8,
                enrichment_status = 'completed', enrichment_model = $9, enriched_at = $10, enrichment_job_id = $11,
                tone_history = tone_history || jsonb_build_array(jsonb_build_object('value', $5::text, 'at', $10::timestamptz, 'model', $9::text)),
                confidence_history = confidence_history || jsonb_build_array(jsonb_build_object('value', round($7::numeric, 2), 'at', $10::timestamptz, 'model', $9::text)),
                urgency_history = urgency_history || jsonb_build_array(jsonb_build_object('value', $6::text, 'at', $10::timestamptz, 'model', $9::text)),
                updated_at = $10
            WHERE client_id = $1 AND id = $2 AND enrichment_job_id IS DISTINCT FROM $11
            RETURNING {LeadManagementRows.StatusColumns}
            """,
            clientId, leadId, enrichment.Language, enrichment.Intent, enrichment.Tone, enrichment.Urgency,
            enrichment.Confidence, enrichment.Summary, enrichment.Model, at, enrichment.JobId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? LeadManagementRows.ReadStatus(reader) : null;
    }

    /// <summary>The prediction, logged for the learning loop (<c>feedback_tracking</c>, expires after the default year).</summary>
    public static async Task InsertPredictionFeedbackAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadEnrichment enrichment, DateTimeOffset at)
    {
        var context = new Dictionary<string, object?>
        {
            ["kind"] = "lead_enrichment",
            ["jobId"] = enrichment.JobId,
            ["prediction"] = new Dictionary<string, object?>
            {
                ["language"] = enrichment.Language,
                ["intent"] = enrichment.Intent,
                ["tone"] = enrichment.Tone,
                ["urgency"] = enrichment.Urgency,
                ["confidence"] = enrichment.Confidence,
                ["summary"] = enrichment.Summary,
            },
            ["latencyMs"] = enrichment.LatencyMs,
        };
        await using var command = transaction.Command(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, model_name, created_at, updated_at)
            VALUES ($1, $2, 'system_performance', 'neutral', round($3::numeric, 3), $4, $5, $6, $6)
            """,
            leadId, clientId, Math.Clamp(enrichment.Confidence, 0, 1), Jsonb(context), enrichment.Model, at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Marks a lead whose enrichment gave up (the job's last attempt failed); a completed enrichment is kept.</summary>
    public static async Task MarkEnrichmentFailedAsync(TenantTransaction transaction, Guid clientId, Guid leadId, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            "UPDATE lead_memory SET enrichment_status = 'failed', updated_at = $3 WHERE client_id = $1 AND id = $2 AND enrichment_status = 'pending'",
            clientId, leadId, at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reserves the auto-reply with its Message-ID when none was started (<c>NULL → sending</c>).</summary>
    public static async Task ReserveAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            UPDATE lead_memory SET auto_reply_status = 'sending', auto_reply_message_id = $3, updated_at = $4
            WHERE client_id = $1 AND id = $2 AND auto_reply_status IS NULL
            """,
            clientId, leadId, messageId, at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary><c>sending → sent</c> for this Message-ID. Returns false when it was not the reserved one (or already sent).</summary>
    public static async Task<bool> MarkAutoReplySentAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, string note, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            UPDATE lead_memory SET auto_reply_status = 'sent', auto_reply_sent_at = $4, auto_reply_note = $5, updated_at = $4
            WHERE client_id = $1 AND id = $2 AND auto_reply_status = 'sending' AND auto_reply_message_id = $3
            """,
            clientId, leadId, messageId, at, note);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Records that no auto-reply will be sent, and why (only when none was started).</summary>
    public static async Task<bool> SkipAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string reason, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            UPDATE lead_memory SET auto_reply_status = 'skipped', auto_reply_note = $3, updated_at = $4
            WHERE client_id = $1 AND id = $2 AND auto_reply_status IS NULL
            """,
            clientId, leadId, reason, at);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static NpgsqlParameter Jsonb(object value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(value) };
}

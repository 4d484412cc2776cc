using Avenir.Contracts.Learning;

namespace Avenir.Grains.Leads;

/// <summary>
/// The statements of the work that follows a lead's capture (enrichment, auto-reply), run by the lead's
/// grain inside its tenant transaction. Columns added by migration V16.
/// </summary>
internal static class LeadProcessingRows
{
    public static Task<LeadProcessing?> FindAsync(TenantTransaction transaction, Guid clientId, Guid leadId) =>
        transaction.QuerySingleOrDefaultAsync<LeadProcessing>(
            """
            SELECT enrichment_status, enrichment_model, enriched_at, enrichment_job_id,
                   auto_reply_status, auto_reply_message_id, auto_reply_sent_at, auto_reply_note
              FROM lead_memory
             WHERE client_id = @clientId AND id = @leadId
            """,
            new { clientId, leadId });

    /// <summary>
    /// Writes the enrichment and appends <c>{value, at, model}</c> to the three histories, unless this job's enrichment
    /// is already there. Returns the lead's status as stored (confidence rounded by SQL), or null when nothing was
    /// written (already applied, or no such lead).
    /// </summary>
    public static Task<LeadStatus?> ApplyEnrichmentAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, LeadEnrichment enrichment, DateTimeOffset at) =>
        transaction.QuerySingleOrDefaultAsync<LeadStatus>(
            $"""
            UPDATE lead_memory
               SET language = @Language, intent = @Intent, tone = @Tone, urgency = @Urgency, confidence_score = round(@Confidence, 2),
                   ai_summary = @Summary, enrichment_status = @completed, enrichment_model = @Model, enriched_at = @at, enrichment_job_id = @JobId,
                   tone_history = tone_history || jsonb_build_array(jsonb_build_object('value', @Tone::text, 'at', @at::timestamptz, 'model', @Model::text)),
                   confidence_history = confidence_history || jsonb_build_array(jsonb_build_object('value', round(@Confidence, 2), 'at', @at::timestamptz,
                                                                                                   'model', @Model::text)),
                   urgency_history = urgency_history || jsonb_build_array(jsonb_build_object('value', @Urgency::text, 'at', @at::timestamptz,
                                                                                             'model', @Model::text)),
                   updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND enrichment_job_id IS DISTINCT FROM @JobId
            RETURNING {LeadManagementRows.Status}
            """,
            new
            {
                clientId,
                leadId,
                enrichment.Language,
                enrichment.Intent,
                enrichment.Tone,
                enrichment.Urgency,
                enrichment.Confidence,
                enrichment.Summary,
                enrichment.Model,
                enrichment.JobId,
                completed = LeadProcessingStatuses.EnrichmentCompleted,
                at,
            });

    /// <summary>The prediction, logged for the learning loop (<c>feedback_tracking</c>, expires after the default year).</summary>
    public static Task InsertPredictionFeedbackAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadEnrichment enrichment, DateTimeOffset at)
    {
        var context = new Dictionary<string, object?>
        {
            ["kind"] = FeedbackKinds.LeadEnrichment,
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
        return transaction.ExecuteAsync(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, model_name, created_at, updated_at)
            VALUES (@leadId, @clientId, @action, @outcome, round(@confidence, 3), @context, @model, @at, @at)
            """,
            new
            {
                leadId,
                clientId,
                action = FeedbackKinds.SystemPerformanceAction,
                outcome = FeedbackKinds.Neutral,
                confidence = Math.Clamp(enrichment.Confidence, 0, 1),
                context = Sql.Jsonb(context),
                model = enrichment.Model,
                at,
            });
    }

    /// <summary>Marks a lead whose enrichment gave up (the job's last attempt failed); a completed enrichment is kept.</summary>
    public static Task MarkEnrichmentFailedAsync(TenantTransaction transaction, Guid clientId, Guid leadId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE lead_memory SET enrichment_status = @failed, updated_at = @at "
            + "WHERE client_id = @clientId AND id = @leadId AND enrichment_status = @pending",
            new { clientId, leadId, at, failed = LeadProcessingStatuses.EnrichmentFailed, pending = LeadProcessingStatuses.EnrichmentPending });

    /// <summary>Reserves the auto-reply with its Message-ID when none was started (<c>NULL → sending</c>).</summary>
    public static Task ReserveAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = @sending, auto_reply_message_id = @messageId, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status IS NULL
            """,
            new { clientId, leadId, messageId, at, sending = LeadProcessingStatuses.AutoReplySending });

    /// <summary><c>sending → sent</c> for this Message-ID. Returns false when it was not the reserved one (or already sent).</summary>
    public static async Task<bool> MarkAutoReplySentAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, string note, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = @sent, auto_reply_sent_at = @at, auto_reply_note = @note, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status = @sending AND auto_reply_message_id = @messageId
            """,
            new { clientId, leadId, messageId, at, note, sent = LeadProcessingStatuses.AutoReplySent, sending = LeadProcessingStatuses.AutoReplySending }) == 1;

    /// <summary>Records that no auto-reply will be sent, and why (only when none was started).</summary>
    public static async Task<bool> SkipAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string reason, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = @skipped, auto_reply_note = @reason, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status IS NULL
            """,
            new { clientId, leadId, reason, at, skipped = LeadProcessingStatuses.AutoReplySkipped }) == 1;
}

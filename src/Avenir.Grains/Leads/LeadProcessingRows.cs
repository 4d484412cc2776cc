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
                   auto_reply_status, auto_reply_message_id, auto_reply_sent_at, auto_reply_note, auto_reply_reason
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
                   ai_summary = @Summary, detected_language = @DetectedLanguage, ai_summary_source = @SummarySource,
                   ai_summary_language = @SummaryLanguage, ai_summary_translation = @SummaryTranslation,
                   ai_summary_translation_language = @SummaryTranslationLanguage,
                   enrichment_status = @completed, enrichment_model = @Model, enriched_at = @at, enrichment_job_id = @JobId,
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
                enrichment.DetectedLanguage,
                enrichment.SummarySource,
                enrichment.SummaryLanguage,
                SummaryTranslation = enrichment.SummaryTranslationLanguage is null ? null : enrichment.SummaryTranslation,
                SummaryTranslationLanguage = enrichment.SummaryTranslation is null ? null : enrichment.SummaryTranslationLanguage,
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
                ["detectedLanguage"] = enrichment.DetectedLanguage,
                ["summarySource"] = enrichment.SummarySource,
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

    /// <summary>The lead's recipient address (lower case) and auto-reply status, its row locked; null when no such lead.</summary>
    public static Task<AutoReplyTarget?> LockAutoReplyTargetAsync(TenantTransaction transaction, Guid clientId, Guid leadId) =>
        transaction.QuerySingleOrDefaultAsync<AutoReplyTarget>(
            "SELECT lower(email) AS recipient, auto_reply_status AS status FROM lead_memory WHERE client_id = @clientId AND id = @leadId FOR UPDATE",
            new { clientId, leadId });

    public sealed record AutoReplyTarget(string Recipient, string? Status);

    /// <summary>
    /// Serialises reservations of this client and of this address (client first, then address: every transaction takes
    /// them in that order, so two never wait on each other) for the rest of the transaction, then counts the replies
    /// reserved since <paramref name="hourAgo"/> and <paramref name="dayAgo"/>: the client's, the address's from this
    /// client, and the address's from every client (<c>avenir_auto_replies_to</c>, which answers a count only).
    /// </summary>
    public static async Task<AutoReplyCounts> LockAndCountAutoRepliesAsync(
        TenantTransaction transaction, Guid clientId, string recipient, DateTimeOffset hourAgo, DateTimeOffset dayAgo)
    {
        await transaction.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(hashtextextended(@clientLock, 0)), pg_advisory_xact_lock(hashtextextended(@recipientLock, 0))",
            new { clientLock = $"avenir.auto_reply.client:{clientId}", recipientLock = $"avenir.auto_reply.to:{recipient}" });
        return await transaction.QuerySingleAsync<AutoReplyCounts>(
            """
            SELECT (SELECT count(*) FROM lead_memory
                     WHERE client_id = @clientId
                       AND auto_reply_reserved_at >= GREATEST(@hourAgo, (SELECT auto_reply_resumed_at FROM clients WHERE client_id = @clientId))
                   ) AS client_last_hour,
                   (SELECT count(*) FROM lead_memory
                     WHERE client_id = @clientId AND lower(email) = @recipient AND auto_reply_reserved_at >= @dayAgo) AS recipient_from_client_last_day,
                   avenir_auto_replies_to(@recipient, @hourAgo) AS recipient_last_hour,
                   avenir_auto_replies_to(@recipient, @dayAgo) AS recipient_last_day
            """,
            new { clientId, recipient, hourAgo, dayAgo });
    }

    public sealed record AutoReplyCounts(long ClientLastHour, long RecipientFromClientLastDay, long RecipientLastHour, long RecipientLastDay);

    /// <summary>Reserves the auto-reply with its Message-ID when none was decided (<c>NULL → sending</c>).</summary>
    public static async Task<bool> ReserveAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = @sending, auto_reply_message_id = @messageId, auto_reply_reserved_at = @at, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status IS NULL
            """,
            new { clientId, leadId, messageId, at, sending = LeadProcessingStatuses.AutoReplySending }) == 1;

    /// <summary><c>sending → NULL</c> for this Message-ID: the relay certainly did not take it, so it no longer counts or blocks.</summary>
    public static async Task<bool> ReleaseAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = NULL, auto_reply_message_id = NULL, auto_reply_reserved_at = NULL, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status = @sending AND auto_reply_message_id = @messageId
            """,
            new { clientId, leadId, messageId, at, sending = LeadProcessingStatuses.AutoReplySending }) == 1;

    /// <summary><c>sending → unconfirmed</c> for this Message-ID: an interrupted attempt that may have gone out, never sent again.</summary>
    public static async Task<bool> MarkAutoReplyUnconfirmedAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory
               SET auto_reply_status = @unconfirmed, auto_reply_reason = @interrupted, updated_at = @at,
                   auto_reply_note = 'An attempt was interrupted after reserving the reply: it may or may not have been sent, and is not sent again.'
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status = @sending AND auto_reply_message_id = @messageId
            """,
            new
            {
                clientId,
                leadId,
                messageId,
                at,
                sending = LeadProcessingStatuses.AutoReplySending,
                unconfirmed = LeadProcessingStatuses.AutoReplyUnconfirmed,
                interrupted = AutoReplyReasons.Interrupted,
            }) == 1;

    /// <summary><c>sending → sent</c> for this Message-ID. Returns false when it was not the reserved one (or already sent).</summary>
    public static async Task<bool> MarkAutoReplySentAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, string messageId, string note, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = @sent, auto_reply_sent_at = @at, auto_reply_note = @note, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status = @sending AND auto_reply_message_id = @messageId
            """,
            new { clientId, leadId, messageId, at, note, sent = LeadProcessingStatuses.AutoReplySent, sending = LeadProcessingStatuses.AutoReplySending }) == 1;

    /// <summary>Records that no auto-reply will be sent (<c>skipped</c> or <c>withheld</c>), its reason and note, when none was decided.</summary>
    public static async Task<bool> DecideNoAutoReplyAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, string status, string reason, string note, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE lead_memory SET auto_reply_status = @status, auto_reply_reason = @reason, auto_reply_note = @note, updated_at = @at
             WHERE client_id = @clientId AND id = @leadId AND auto_reply_status IS NULL
            """,
            new { clientId, leadId, status, reason, note, at }) == 1;
}

namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// The campaign grain's statements on its <c>outreach_emails</c> rows and their <c>prospect_outreach_log</c> rows (one
/// log row per email, its status and history following every change of the email).
/// </summary>
public static class CampaignEmailRows
{
    private const string EmailColumns =
        """
        e.id, e.prospect_id, e.status, e.prospect_email, e.prospect_name, e.subject, e.content, e.plain_content,
        e.follow_up_sequence::int AS follow_up_sequence, e.language, e.recipient_time_zone, e.scheduled_at, e.sent_at,
        e.message_id, e.thread_id, e.message_references, e.tracked_links::text AS tracked_links, e.missing_email,
        e.soft_bounce_count, p.industry, e.ab_arm, e.opened_at, e.clicked_at, e.replied_at, e.bounced_at
        """;

    /// <summary>Inserts one step of a sequence; false when it exists (generation is idempotent).</summary>
    public static async Task<bool> InsertAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, NewEmail email, DateTimeOffset now)
    {
        var inserted = await transaction.ExecuteAsync(
            """
            INSERT INTO outreach_emails (id, client_id, campaign_id, prospect_id, prospect_email, prospect_name, company_name, website,
                                         template_id, subject, content, plain_content, status, follow_up_sequence, sender_email,
                                         missing_email, language, recipient_time_zone, ab_arm, created_at, updated_at)
            VALUES (@Id, @clientId, @campaignId, @ProspectId, @ProspectEmail, @ProspectName, @CompanyName, @Website,
                    @TemplateId, @Subject, @Html, @Text, @status, @Step, @SenderEmail,
                    @MissingEmail, @Language, @TimeZone, @AbArm, @now, @now)
            ON CONFLICT (client_id, campaign_id, prospect_id, follow_up_sequence) DO NOTHING
            """,
            new
            {
                email.Id,
                clientId,
                campaignId,
                email.ProspectId,
                email.ProspectEmail,
                email.ProspectName,
                email.CompanyName,
                email.Website,
                email.TemplateId,
                email.Subject,
                email.Html,
                email.Text,
                status = OutreachEmailStatuses.Pending,
                Step = (short)email.Step,
                email.SenderEmail,
                email.MissingEmail,
                email.Language,
                email.TimeZone,
                email.AbArm,
                now,
            });
        if (inserted == 0)
        {
            return false;
        }

        await transaction.ExecuteAsync(
            """
            INSERT INTO prospect_outreach_log (prospect_id, outreach_email_id, subject, email_body, status, metadata, created_at, updated_at)
            VALUES (@ProspectId, @Id, @Subject, @Text, @status, @metadata, @now, @now)
            """,
            new
            {
                email.ProspectId,
                email.Id,
                email.Subject,
                email.Text,
                status = OutreachEmailStatuses.Pending,
                metadata = Sql.Jsonb(new
                {
                    campaignId,
                    emailId = email.Id,
                    step = email.Step,
                    missingEmail = email.MissingEmail,
                    history = new[] { new { status = OutreachEmailStatuses.Pending, at = now } },
                }),
                now,
            });
        return true;
    }

    public static Task<EmailRow?> FindAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId) =>
        transaction.QuerySingleOrDefaultAsync<EmailRow>(
            $"""
            SELECT {EmailColumns}
              FROM outreach_emails e LEFT JOIN prospect_candidates p ON p.id = e.prospect_id
             WHERE e.client_id = @clientId AND e.campaign_id = @campaignId AND e.id = @emailId
            """,
            new { clientId, campaignId, emailId });

    /// <summary>The step before <paramref name="step"/> of the prospect's sequence, when it was sent.</summary>
    public static Task<ParentEmail?> FindParentAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, Guid prospectId, int step) =>
        transaction.QuerySingleOrDefaultAsync<ParentEmail>(
            """
            SELECT message_id, message_references, thread_id, sent_at
              FROM outreach_emails
             WHERE client_id = @clientId AND campaign_id = @campaignId AND prospect_id = @prospectId
               AND follow_up_sequence = @previous AND sent_at IS NOT NULL
            """,
            new { clientId, campaignId, prospectId, previous = (short)(step - 1) });

    /// <summary>
    /// Pending → approved or rejected for the chosen emails and the other pending steps of their prospects' sequences. An
    /// email without an address is never approved.
    /// </summary>
    public static Task<IReadOnlyList<ChangedEmail>> ReviewAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, EmailReview review, DateTimeOffset now) =>
        transaction.QueryAsync<ChangedEmail>(
            """
            WITH chosen AS (
                SELECT DISTINCT prospect_id FROM outreach_emails
                 WHERE client_id = @clientId AND campaign_id = @campaignId AND id = ANY (@ids) AND status = @pending
                   AND (NOT @approve OR NOT missing_email))
            UPDATE outreach_emails e
               SET status = @status, approved_at = CASE WHEN @approve THEN @now END, approved_by = @reviewer,
                   rejection_reason = CASE WHEN @approve THEN NULL ELSE @reason END, updated_at = @now
              FROM chosen
             WHERE e.client_id = @clientId AND e.campaign_id = @campaignId AND e.prospect_id = chosen.prospect_id AND e.status = @pending
            RETURNING e.id, e.prospect_id, e.follow_up_sequence::int AS follow_up_sequence, e.subject
            """,
            new
            {
                clientId,
                campaignId,
                ids = review.EmailIds.ToArray(),
                approve = review.Approve,
                pending = OutreachEmailStatuses.Pending,
                status = review.Approve ? OutreachEmailStatuses.Approved : OutreachEmailStatuses.Rejected,
                reviewer = review.Reviewer,
                reason = review.Reason,
                now,
            });

    /// <summary>Approved emails due now: first emails unless deferred, follow-ups once scheduled and due.</summary>
    public static Task<IReadOnlyList<Guid>> DueAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, DateTimeOffset now, int max) =>
        transaction.QueryAsync<Guid>(
            """
            SELECT id FROM outreach_emails
             WHERE client_id = @clientId AND campaign_id = @campaignId AND status = @approved AND NOT missing_email
               AND (scheduled_at <= @now OR (scheduled_at IS NULL AND follow_up_sequence = 1))
             ORDER BY coalesce(scheduled_at, created_at), follow_up_sequence, id
             LIMIT @max
            """,
            new { clientId, campaignId, approved = OutreachEmailStatuses.Approved, now, max });

    public static Task<int> ScheduleAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE outreach_emails SET scheduled_at = @at, updated_at = @at WHERE client_id = @clientId AND campaign_id = @campaignId AND id = @emailId",
            new { clientId, campaignId, emailId, at });

    /// <summary>Schedules the next step of the prospect's sequence (it is sent when approved and due).</summary>
    public static Task<int> ScheduleNextStepAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, Guid prospectId, int step, DateTimeOffset dueAt, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            UPDATE outreach_emails SET scheduled_at = @dueAt, updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId AND prospect_id = @prospectId
               AND follow_up_sequence = @next AND status IN (@pending, @approved)
            """,
            new
            {
                clientId, campaignId, prospectId, next = (short)(step + 1), dueAt, now,
                pending = OutreachEmailStatuses.Pending, approved = OutreachEmailStatuses.Approved,
            });

    /// <summary>Approved → sent, with what the message carried (its Message-ID, References and tracked links).</summary>
    public static Task<int> MarkSentAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, OutreachSendReport report, string senderEmail, string? threadId,
        string trackedLinks, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            UPDATE outreach_emails
               SET status = @sent, sent_at = @now, message_id = @MessageId, message_references = @references,
                   tracked_links = @links, thread_id = @threadId, gmail_message_id = @ProviderMessageId, sender_email = @senderEmail,
                   last_error = NULL, updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId AND id = @EmailId AND status = @approved
            """,
            new
            {
                clientId,
                campaignId,
                report.EmailId,
                report.MessageId,
                references = report.References.ToArray(),
                links = Sql.Jsonb(trackedLinks),
                threadId,
                report.ProviderMessageId,
                senderEmail,
                sent = OutreachEmailStatuses.Sent,
                approved = OutreachEmailStatuses.Approved,
                now,
            });

    /// <summary>An email → bounced (at the send call or by a DSN); true when it was not bounced before.</summary>
    public static async Task<bool> MarkBouncedAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId, string? messageId, string detail, DateTimeOffset now) =>
        await transaction.ExecuteAsync(
            """
            UPDATE outreach_emails
               SET status = @bounced, bounced_at = @now, last_error = @detail, message_id = coalesce(message_id, @messageId), updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId AND id = @emailId AND bounced_at IS NULL
            """,
            new { clientId, campaignId, emailId, messageId, detail, bounced = OutreachEmailStatuses.Bounced, now }) == 1;

    /// <summary>A temporary refusal: stays approved, retried at <paramref name="retryAt"/>; returns the soft bounces so far.</summary>
    public static Task<int> MarkSoftBounceAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId, string detail, DateTimeOffset retryAt, DateTimeOffset now) =>
        transaction.ExecuteScalarAsync<int>(
            """
            UPDATE outreach_emails
               SET soft_bounce_count = soft_bounce_count + 1, last_error = @detail, scheduled_at = @retryAt, updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId AND id = @emailId
            RETURNING soft_bounce_count
            """,
            new { clientId, campaignId, emailId, detail, retryAt, now });

    public static Task<int> MarkFailedAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId, string detail, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            UPDATE outreach_emails SET status = @failed, last_error = @detail, updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId AND id = @emailId AND status = @approved
            """,
            new { clientId, campaignId, emailId, detail, now, failed = OutreachEmailStatuses.Failed, approved = OutreachEmailStatuses.Approved });

    /// <summary>
    /// Sets a first-time engagement timestamp (<c>opened_at</c>, <c>clicked_at</c>, <c>replied_at</c>) and moves the status
    /// forward (sent → opened → replied, never back); true when it is the email's first such event.
    /// </summary>
    public static async Task<bool> MarkEngagedAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId, string action, DateTimeOffset now)
    {
        var sql = action switch
        {
            OutreachActions.Opened =>
                "UPDATE outreach_emails SET opened_at = @now, status = CASE WHEN status IN ('sent', 'delivered') THEN 'opened' ELSE status END, " +
                    "updated_at = @now",
            OutreachActions.Clicked =>
                "UPDATE outreach_emails SET clicked_at = @now, opened_at = coalesce(opened_at, @now), status = CASE WHEN status IN ('sent', " +
                    "'delivered') THEN 'opened' ELSE status END, updated_at = @now",
            OutreachActions.Replied =>
                "UPDATE outreach_emails SET replied_at = @now, status = CASE WHEN status IN ('sent', 'delivered', 'opened') THEN 'replied' ELSE status " +
                    "END, updated_at = @now",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "opened, clicked or replied"),
        };
        var column = action switch
        {
            OutreachActions.Opened => "opened_at",
            OutreachActions.Clicked => "clicked_at",
            _ => "replied_at",
        };
        return await transaction.ExecuteAsync(
            sql + $" WHERE client_id = @clientId AND campaign_id = @campaignId AND id = @emailId AND {column} IS NULL",
            new { clientId, campaignId, emailId, now }) == 1;
    }

    /// <summary>Cancels every pending or approved email of the prospect in this campaign (the sequence stops).</summary>
    /// <param name="except">Emails left as they are (being sent right now: their send will be recorded).</param>
    public static Task<IReadOnlyList<ChangedEmail>> CancelSequenceAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, Guid prospectId, string reason, DateTimeOffset now,
        IReadOnlyCollection<Guid>? except = null) =>
        transaction.QueryAsync<ChangedEmail>(
            """
            UPDATE outreach_emails SET status = @cancelled, last_error = @reason, updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId AND prospect_id = @prospectId AND status IN (@pending, @approved)
               AND NOT (id = ANY(@except))
            RETURNING id, prospect_id, follow_up_sequence::int AS follow_up_sequence, subject
            """,
            new
            {
                clientId, campaignId, prospectId, reason, now, cancelled = OutreachEmailStatuses.Cancelled,
                pending = OutreachEmailStatuses.Pending, approved = OutreachEmailStatuses.Approved, except = (except ?? []).ToArray(),
            });

    /// <summary>The campaigns other than <paramref name="campaignId"/> with emails to the prospect still to send.</summary>
    public static Task<IReadOnlyList<Guid>> OtherCampaignsToSendAsync(TenantTransaction transaction, Guid prospectId, Guid campaignId) =>
        transaction.QueryAsync<Guid>(
            """
            SELECT DISTINCT campaign_id FROM outreach_emails
             WHERE prospect_id = @prospectId AND campaign_id <> @campaignId AND status IN (@pending, @approved)
            """,
            new { prospectId, campaignId, pending = OutreachEmailStatuses.Pending, approved = OutreachEmailStatuses.Approved });

    /// <summary>The prospects of this campaign at <paramref name="domain"/> other than <paramref name="prospectId"/>.</summary>
    public static Task<IReadOnlyList<Guid>> SameDomainProspectsAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, Guid prospectId) =>
        transaction.QueryAsync<Guid>(
            """
            SELECT DISTINCT e.prospect_id FROM outreach_emails e
              JOIN prospect_candidates p ON p.id = e.prospect_id
              JOIN prospect_candidates me ON me.id = @prospectId
             WHERE e.client_id = @clientId AND e.campaign_id = @campaignId AND p.website_domain = me.website_domain AND e.prospect_id <> @prospectId
            """,
            new { clientId, campaignId, prospectId });

    /// <summary>Follows an email's change in its <c>prospect_outreach_log</c> row (status, timestamps, history).</summary>
    public static Task<int> LogAsync(
        TenantTransaction transaction, Guid emailId, string status, DateTimeOffset now, string? replyContent = null, string? reason = null) =>
        transaction.ExecuteAsync(
            """
            UPDATE prospect_outreach_log
               SET status = @status,
                   sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END,
                   opened_at = CASE WHEN @status = 'opened' THEN coalesce(opened_at, @now) ELSE opened_at END,
                   replied_at = CASE WHEN @status = 'replied' THEN coalesce(replied_at, @now) ELSE replied_at END,
                   reply_content = coalesce(@replyContent, reply_content),
                   metadata = jsonb_set(metadata, '{history}', coalesce(metadata->'history', '[]'::jsonb)
                                        || jsonb_build_array(jsonb_strip_nulls(
                                               jsonb_build_object('status', @status, 'at', @now, 'reason', @reason::text)))),
                   updated_at = @now
             WHERE outreach_email_id = @emailId
            """,
            new { emailId, status, now, replyContent, reason });
}

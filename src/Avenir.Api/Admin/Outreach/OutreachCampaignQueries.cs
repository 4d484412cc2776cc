namespace Avenir.Api.Admin.Outreach;

/// <summary>A campaign in the list, with the metrics its grain last committed.</summary>
public sealed record CampaignListItem
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public int Sent { get; init; }
    public int Opened { get; init; }
    public int Clicked { get; init; }
    public int Replied { get; init; }
    public int Bounced { get; init; }
    public int Unsubscribed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One generated email, as the review queue shows it.</summary>
public sealed record CampaignEmailItem
{
    public Guid Id { get; init; }
    public Guid ProspectId { get; init; }
    public string? ProspectEmail { get; init; }
    public string? ProspectName { get; init; }
    public string? CompanyName { get; init; }
    public int Step { get; init; }
    public required string Status { get; init; }
    public bool MissingEmail { get; init; }
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public string? Text { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? ApprovedBy { get; init; }
    public string? RejectionReason { get; init; }
    public string? LastError { get; init; }
}

/// <summary>One day of a campaign's tracking events (emails per action that day, in the campaign's zone).</summary>
public sealed record CampaignDayItem
{
    /// <summary>ISO date (yyyy-MM-dd).</summary>
    public required string Day { get; init; }
    public int Sent { get; init; }
    public int Opened { get; init; }
    public int Clicked { get; init; }
    public int Replied { get; init; }
    public int Bounced { get; init; }
    public int Unsubscribed { get; init; }
}

/// <summary>
/// The admin API's reads of the outreach tables (system transactions: agency data). Every write goes through the
/// campaign's grain; the detail page's live metrics come from that grain too, not from here.
/// </summary>
public sealed class OutreachCampaignQueries(TenantDatabase database)
{
    public const int MaxEmailsPerPage = 500;

    /// <summary>How far back the chart over time reads.</summary>
    public const int TimelineDays = 90;

    /// <summary>
    /// The campaign's events by day in <paramref name="timeZone"/> over the last <see cref="TimelineDays"/> days, each action
    /// counted per email as the grain's totals are (an email opened twice is one open that day).
    /// </summary>
    public async Task<IReadOnlyList<CampaignDayItem>> TimelineAsync(Guid campaignId, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<CampaignDayItem>(
            """
            SELECT to_char(t."timestamp" AT TIME ZONE @timeZone, 'YYYY-MM-DD') AS day,
                   count(DISTINCT t.email_id) FILTER (WHERE t.action = 'sent') AS sent,
                   count(DISTINCT t.email_id) FILTER (WHERE t.action = 'opened') AS opened,
                   count(DISTINCT t.email_id) FILTER (WHERE t.action = 'clicked') AS clicked,
                   count(DISTINCT t.email_id) FILTER (WHERE t.action = 'replied') AS replied,
                   count(DISTINCT t.email_id) FILTER (WHERE t.action = 'bounced') AS bounced,
                   count(DISTINCT t.email_id) FILTER (WHERE t.action = 'unsubscribed') AS unsubscribed
              FROM outreach_tracking t
             WHERE t.campaign_id = @campaignId AND t."timestamp" >= @since
             GROUP BY 1
             ORDER BY 1
            """,
            new { campaignId, timeZone, since = now.AddDays(-TimelineDays) }, cancellationToken);
    }

    public async Task<IReadOnlyList<CampaignListItem>> ListAsync(string? status, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<CampaignListItem>(
            """
            SELECT c.id, c.name, c.status, coalesce(m.total_emails_sent, 0) AS sent, coalesce(m.total_emails_opened, 0) AS opened,
                   coalesce(m.total_emails_clicked, 0) AS clicked, coalesce(m.total_emails_replied, 0) AS replied,
                   coalesce(m.total_emails_bounced, 0) AS bounced, coalesce(m.total_emails_unsubscribed, 0) AS unsubscribed,
                   c.created_at, c.updated_at
              FROM outreach_campaigns c
              LEFT JOIN outreach_metrics m ON m.client_id = c.client_id AND m.campaign_id = c.id
             WHERE (@status::text IS NULL OR c.status = @status)
             ORDER BY c.created_at DESC, c.id
            """, new { status }, cancellationToken);
    }

    public async Task<IReadOnlyList<CampaignEmailItem>> EmailsAsync(
        Guid campaignId, string? status, int? step, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<CampaignEmailItem>(
            """
            SELECT id, prospect_id, prospect_email, prospect_name, company_name, follow_up_sequence::int AS step, status, missing_email, subject,
                   content AS html, plain_content AS text, scheduled_at, sent_at, approved_by, rejection_reason, last_error
              FROM outreach_emails
             WHERE campaign_id = @campaignId
               AND (@status::text IS NULL OR status = @status)
               AND (@step::int IS NULL OR follow_up_sequence = @step)
             ORDER BY lower(coalesce(company_name, '')), prospect_id, follow_up_sequence, id
             LIMIT @limit OFFSET @offset
            """, new { campaignId, status, step, limit, offset }, cancellationToken);
    }

    /// <summary>The first emails still waiting for review (approving one approves its prospect's follow-ups with it).</summary>
    public async Task<IReadOnlyList<Guid>> PendingFirstEmailsAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<Guid>(
            """
            SELECT id FROM outreach_emails
             WHERE campaign_id = @campaignId AND status = 'pending' AND follow_up_sequence = 1 AND NOT missing_email
             ORDER BY id
            """, new { campaignId }, cancellationToken);
    }

    /// <summary>The mailboxes campaigns send from (their limits and use are asked of each mailbox's grain).</summary>
    public async Task<IReadOnlyList<string>> MailboxIdsAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<string>(
            """
            SELECT DISTINCT metadata #>> '{sender,mailboxId}' AS mailbox_id
              FROM outreach_campaigns
             WHERE metadata #>> '{sender,mailboxId}' IS NOT NULL
             ORDER BY 1
            """, cancellationToken: cancellationToken);
    }
}

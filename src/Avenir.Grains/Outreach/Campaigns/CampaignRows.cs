namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// The campaign grain's statements on <c>outreach_campaigns</c> and <c>outreach_metrics</c> (system transactions: the
/// agency's work). Its emails' statements are in <see cref="CampaignEmailRows"/>, its events' in <see cref="CampaignEventRows"/>.
/// </summary>
public static class CampaignRows
{
    public static Task<CampaignRow?> FindAsync(TenantTransaction transaction, Guid campaignId, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<CampaignRow>(
            """
            SELECT id, client_id, name, status, status_reason, target_criteria::text AS target_criteria, metadata::text AS metadata,
                   ab_winners::text AS ab_winners, created_at, updated_at
              FROM outreach_campaigns WHERE id = @campaignId
            """,
            new { campaignId }, cancellationToken);

    public static Task<MetricsRow?> FindMetricsAsync(TenantTransaction transaction, Guid clientId, Guid campaignId,
        CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<MetricsRow>(
            """
            SELECT total_emails_sent, total_emails_opened, total_emails_clicked, total_emails_replied, total_emails_bounced,
                   total_emails_unsubscribed, revenue_generated
              FROM outreach_metrics WHERE client_id = @clientId AND campaign_id = @campaignId
            """,
            new { clientId, campaignId }, cancellationToken);

    /// <summary>The campaign as a draft and its zeroed metrics row. False when the id exists already.</summary>
    public static async Task<bool> InsertAsync(TenantTransaction transaction, Guid campaignId, CampaignDraft draft, DateTimeOffset now)
    {
        var inserted = await transaction.ExecuteAsync(
            """
            INSERT INTO outreach_campaigns (id, name, client_id, status, target_criteria, email_template_id, follow_up_schedule,
                                            metadata, created_at, updated_at)
            VALUES (@campaignId, @Name, @ClientId, @status, @target, @templateId, @schedule, @settings, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                campaignId,
                draft.Name,
                draft.ClientId,
                status = CampaignStatuses.Draft,
                target = Sql.Jsonb(draft.Target),
                templateId = draft.Settings.TemplateEn ?? draft.Settings.TemplateFr,
                schedule = Sql.Jsonb(Schedule(draft.Settings)),
                settings = Sql.Jsonb(draft.Settings),
                now,
            });
        if (inserted == 0)
        {
            return false;
        }

        await transaction.ExecuteAsync(
            "INSERT INTO outreach_metrics (client_id, campaign_id, created_at, updated_at) VALUES (@ClientId, @campaignId, @now, @now)",
            new { draft.ClientId, campaignId, now });
        return true;
    }

    public static Task<int> UpdateDefinitionAsync(
        TenantTransaction transaction, Guid campaignId, string name, CampaignTarget target, CampaignSettings settings, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            UPDATE outreach_campaigns
               SET name = @name, target_criteria = @target, email_template_id = @templateId, follow_up_schedule = @schedule,
                   metadata = @settingsJson, updated_at = @now
             WHERE id = @campaignId
            """,
            new
            {
                campaignId,
                name,
                target = Sql.Jsonb(target),
                templateId = settings.TemplateEn ?? settings.TemplateFr,
                schedule = Sql.Jsonb(Schedule(settings)),
                settingsJson = Sql.Jsonb(settings),
                now,
            });

    public static Task<int> UpdateStatusAsync(TenantTransaction transaction, Guid campaignId, string status, string? reason, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            "UPDATE outreach_campaigns SET status = @status, status_reason = @reason, updated_at = @now WHERE id = @campaignId",
            new { campaignId, status, reason, now });

    /// <summary>Writes the grain's totals and rates (the grain is the only writer, so its figures are the truth).</summary>
    public static Task<int> WriteMetricsAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, CampaignMetrics metrics, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            UPDATE outreach_metrics
               SET total_emails_sent = @Sent, total_emails_delivered = @Delivered, total_emails_opened = @Opened,
                   total_emails_clicked = @Clicked, total_emails_replied = @Replied, total_emails_bounced = @Bounced,
                   total_emails_unsubscribed = @Unsubscribed, open_rate = @openRate, click_rate = @clickRate,
                   reply_rate = @replyRate, bounce_rate = @bounceRate, updated_at = @now
             WHERE client_id = @clientId AND campaign_id = @campaignId
            """,
            new
            {
                clientId,
                campaignId,
                metrics.Sent,
                metrics.Delivered,
                metrics.Opened,
                metrics.Clicked,
                metrics.Replied,
                metrics.Bounced,
                metrics.Unsubscribed,
                openRate = (decimal)metrics.OpenRate,
                clickRate = (decimal)metrics.ClickRate,
                replyRate = (decimal)metrics.ReplyRate,
                bounceRate = (decimal)metrics.BounceRate,
                now,
            });

    /// <summary>The <c>follow_up_schedule</c> column: [{"sequence": 2, "businessDays": 3}, …].</summary>
    private static object[] Schedule(CampaignSettings settings) =>
        [.. settings.FollowUpBusinessDays.Select((days, i) => new { sequence = i + 2, businessDays = days })];
}

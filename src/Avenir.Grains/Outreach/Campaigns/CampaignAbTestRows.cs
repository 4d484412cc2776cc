namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>One arm's prospects in a campaign's A/B test: delivered first emails, and of those who opened, clicked, replied.</summary>
public sealed record AbArmRow(string Arm, long Delivered, long Opened, long Clicked, long Replied);

/// <summary>The campaign grain's statements for its in-campaign A/B tests (system transactions: the agency's work).</summary>
public static class CampaignAbTestRows
{
    /// <summary>
    /// Counts by prospect, not by email: a prospect is in the sample once its first email was delivered, and counts as
    /// clicked or replied when any email of its sequence was (a reply to the follow-up still answers arm A or B).
    /// </summary>
    public static Task<IReadOnlyList<AbArmRow>> ArmsAsync(TenantTransaction transaction, Guid clientId, Guid campaignId, string language) =>
        transaction.QueryAsync<AbArmRow>(
            """
            SELECT arm,
                   count(*) FILTER (WHERE delivered) AS delivered,
                   count(*) FILTER (WHERE delivered AND opened) AS opened,
                   count(*) FILTER (WHERE delivered AND clicked) AS clicked,
                   count(*) FILTER (WHERE delivered AND replied) AS replied
              FROM (SELECT ab_arm AS arm, prospect_id,
                           bool_or(follow_up_sequence = 1 AND sent_at IS NOT NULL AND bounced_at IS NULL) AS delivered,
                           bool_or(opened_at IS NOT NULL) AS opened,
                           bool_or(clicked_at IS NOT NULL) AS clicked,
                           bool_or(replied_at IS NOT NULL) AS replied
                      FROM outreach_emails
                     WHERE client_id = @clientId AND campaign_id = @campaignId AND language = @language AND ab_arm IS NOT NULL
                     GROUP BY ab_arm, prospect_id) AS prospects
             GROUP BY arm
            """,
            new { clientId, campaignId, language });

    /// <summary>Records the winner of <paramref name="language"/>'s test once; false when one was recorded already.</summary>
    public static async Task<bool> SaveWinnerAsync(TenantTransaction transaction, Guid campaignId, string language, string arm, DateTimeOffset now) =>
        await transaction.ExecuteAsync(
            """
            UPDATE outreach_campaigns SET ab_winners = ab_winners || jsonb_build_object(@language, @arm), updated_at = @now
             WHERE id = @campaignId AND ab_winners -> @language IS NULL
            """,
            new { campaignId, language, arm, now }) == 1;
}

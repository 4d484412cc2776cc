namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// The campaign grain's statements on <c>outreach_tracking</c> (its emails' events) and <c>outreach_suppressions</c>
/// (insert-only and idempotent: whichever campaign grain records an unsubscribe or a hard bounce writes it; every send
/// of every campaign reads it).
/// </summary>
public static class CampaignEventRows
{
    /// <summary>
    /// Appends one event. With an <paramref name="eventKey"/> the event is recorded once (false when it was already).
    /// </summary>
    public static async Task<bool> TrackAsync(
        TenantTransaction transaction, Guid clientId, Guid campaignId, Guid emailId, Guid prospectId, string action,
        DateTimeOffset at, object? metadata, string? eventKey = null) =>
        await transaction.ExecuteAsync(
            """
            INSERT INTO outreach_tracking (client_id, email_id, prospect_id, campaign_id, action, "timestamp", metadata, event_key, created_at)
            VALUES (@clientId, @emailId, @prospectId, @campaignId, @action, @at, @metadata, @eventKey, @at)
            ON CONFLICT (client_id, email_id, action, event_key) WHERE event_key IS NOT NULL DO NOTHING
            """,
            new { clientId, emailId, prospectId, campaignId, action, at, metadata = Sql.Jsonb(metadata ?? new { }), eventKey }) == 1;

    /// <summary>Puts the address (and the prospect) on the do-not-contact list, once.</summary>
    public static async Task SuppressAsync(
        TenantTransaction transaction, string? address, Guid? prospectId, string reason, Guid campaignId, Guid emailId, string? detail, DateTimeOffset now)
    {
        if (address is not null)
        {
            await transaction.ExecuteAsync(
                """
                INSERT INTO outreach_suppressions (address, prospect_id, reason, campaign_id, email_id, detail, created_at)
                VALUES (lower(@address), @prospectId, @reason, @campaignId, @emailId, @detail, @now)
                ON CONFLICT (address) WHERE address IS NOT NULL DO NOTHING
                """,
                new { address, prospectId, reason, campaignId, emailId, detail, now });
        }

        if (prospectId is not null && reason == SuppressionReasons.Unsubscribed)
        {
            // The person asked: the prospect as a whole (any later address of it) is never emailed again.
            await transaction.ExecuteAsync(
                """
                INSERT INTO outreach_suppressions (address, prospect_id, reason, campaign_id, email_id, detail, created_at)
                VALUES (NULL, @prospectId, @reason, @campaignId, @emailId, @detail, @now)
                ON CONFLICT (prospect_id) WHERE address IS NULL AND prospect_id IS NOT NULL DO NOTHING
                """,
                new { prospectId, reason, campaignId, emailId, detail, now });
        }
    }

    /// <summary>Whether the address or the prospect is on the do-not-contact list.</summary>
    public static Task<bool> IsSuppressedAsync(TenantTransaction transaction, string? address, Guid prospectId) =>
        transaction.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM outreach_suppressions
                            WHERE (address = lower(@address) AND @address IS NOT NULL)
                               OR (address IS NULL AND prospect_id = @prospectId))
                OR EXISTS (SELECT 1 FROM prospect_candidates WHERE id = @prospectId AND do_not_contact)
            """,
            new { address, prospectId });
}

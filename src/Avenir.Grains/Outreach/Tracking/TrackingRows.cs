namespace Avenir.Grains.Outreach.Tracking;

/// <summary>Which campaign an email (named by a token) belongs to, with its address and language.</summary>
public sealed record TrackedEmail(Guid CampaignId, string? Address, string? Language);

/// <summary>The tracking grain's read (system scope: a token names an email, not a tenant).</summary>
public static class TrackingRows
{
    public static Task<TrackedEmail?> FindEmailAsync(TenantTransaction transaction, Guid emailId) =>
        transaction.QuerySingleOrDefaultAsync<TrackedEmail>(
            "SELECT campaign_id, prospect_email AS address, language FROM outreach_emails WHERE id = @emailId", new { emailId });

    /// <summary>The prospect's grain key (its normalised website domain), or null when the prospect is gone.</summary>
    public static Task<string?> ProspectDomainAsync(TenantTransaction transaction, Guid prospectId) =>
        transaction.ExecuteScalarAsync<string>("SELECT website_domain FROM prospect_candidates WHERE id = @prospectId", new { prospectId });
}

namespace Avenir.Contracts.Outreach;

/// <summary><c>outreach_campaigns.status</c> (V11's CHECK): what the campaign grain writes and the web UI shows.</summary>
public static class CampaignStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [Draft, Active, Paused, Completed];

    /// <summary><c>status_reason</c> of a campaign the grain paused because its bounce rate crossed the threshold.</summary>
    public const string PausedForBounceRate = "bounce_rate";
}

/// <summary><c>outreach_emails.status</c> (V11's CHECK).</summary>
public static class OutreachEmailStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Opened = "opened";
    public const string Replied = "replied";
    public const string Bounced = "bounced";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Approved, Rejected, Sent, Delivered, Opened, Replied, Bounced, Failed, Cancelled];
}

/// <summary><c>outreach_tracking.action</c> (V11's CHECK): one event of an email.</summary>
public static class OutreachActions
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string Replied = "replied";
    public const string Bounced = "bounced";
    public const string Unsubscribed = "unsubscribed";

    public static readonly IReadOnlyList<string> All = [Sent, Delivered, Opened, Clicked, Replied, Bounced, Unsubscribed];
}

/// <summary><c>outreach_suppressions.reason</c> (V45): why an address or a prospect is never emailed again.</summary>
/// <summary>
/// <c>email_templates.category</c> values the outreach side must leave alone: the clients' auto-reply templates share the
/// table (V15) with another variables format, and the auto-reply job reads them. Outreach never lists, reads, edits,
/// deletes nor sends them.
/// </summary>
public static class EmailTemplateCategories
{
    public const string ClientAutoReply = "auto_reply";
}

public static class SuppressionReasons
{
    public const string Unsubscribed = "unsubscribed";
    public const string HardBounce = "hard_bounce";
    public const string Complaint = "complaint";
    public const string Manual = "manual";
}

/// <summary>The payload of a <c>bulk_email</c> job.</summary>
public sealed record BulkEmailPayload(Guid CampaignId);

/// <summary>The payload of an <c>outreach_inbound</c> job.</summary>
public sealed record OutreachInboundPayload(string MailboxId);

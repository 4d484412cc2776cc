namespace Avenir.Contracts.Jobs;

/// <summary>The job types of <c>queue_jobs</c>. Handlers register under these names.</summary>
public static class JobTypes
{
    /// <summary>Enrich a new lead (language, intent, tone, urgency, confidence, summary). Payload: <see cref="LeadJobPayload"/>.</summary>
    public const string LeadEnrichment = "lead_enrichment";

    /// <summary>Send the personalised auto-reply to a new lead's sender. Payload: <see cref="LeadJobPayload"/>.</summary>
    public const string LeadAutoReply = "lead_auto_reply";

    /// <summary>Send the due approved emails of one outreach campaign through its mailbox's grain. Payload: <see cref="Outreach.BulkEmailPayload"/>.</summary>
    public const string BulkEmail = "bulk_email";

    /// <summary>Read an outreach mailbox over IMAP and record the replies and bounces of our emails. Payload: <see
    /// cref="Outreach.OutreachInboundPayload"/>.</summary>
    public const string OutreachInbound = "outreach_inbound";
}

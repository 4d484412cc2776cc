namespace Avenir.Contracts.Leads;

/// <summary><c>lead_memory.enrichment_status</c> (V11) and <c>auto_reply_status</c> (V16).</summary>
public static class LeadProcessingStatuses
{
    public const string EnrichmentPending = "pending";
    public const string EnrichmentCompleted = "completed";
    public const string EnrichmentFailed = "failed";

    /// <summary>The auto-reply's Message-ID is reserved; the send is in progress or was interrupted.</summary>
    public const string AutoReplySending = "sending";
    public const string AutoReplySent = "sent";
    public const string AutoReplySkipped = "skipped";
}

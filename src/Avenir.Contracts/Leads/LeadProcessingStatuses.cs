namespace Avenir.Contracts.Leads;

/// <summary><c>lead_memory.enrichment_status</c> (V11) and <c>auto_reply_status</c> (V16, V40).</summary>
public static class LeadProcessingStatuses
{
    public const string EnrichmentPending = "pending";
    public const string EnrichmentCompleted = "completed";
    public const string EnrichmentFailed = "failed";

    /// <summary>The auto-reply's Message-ID is reserved; the send is in progress or was interrupted.</summary>
    public const string AutoReplySending = "sending";
    public const string AutoReplySent = "sent";

    /// <summary>No reply, by the client's choice (replies off) or because the lead is gone.</summary>
    public const string AutoReplySkipped = "skipped";

    /// <summary>No reply, by a safety rule (unenriched, spam, a limit, replies paused): <c>auto_reply_reason</c> says which.</summary>
    public const string AutoReplyWithheld = "withheld";

    /// <summary>An attempt was interrupted after its reservation: the reply may or may not have gone out; it is never sent again.</summary>
    public const string AutoReplyUnconfirmed = "unconfirmed";
}

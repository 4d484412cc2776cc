namespace Avenir.Contracts.Leads;

/// <summary>
/// One lead: the single writer of its <c>lead_memory</c> row and of the rows that hang off it, from the moment
/// intake (<see cref="ILeadIntakeGrain"/>) committed it. Key: the lead id, with the owning client id as the key
/// extension, so a grain reference always carries its tenant and every statement it runs is confined to that
/// tenant by row-level security. Use <see cref="LeadGrainKey"/> to address it.
/// </summary>
[Alias("Avenir.Grains.Leads.ILeadGrain")]
public partial interface ILeadGrain : IGrainWithGuidCompoundKey
{
    /// <summary>The lead, or <c>null</c> when this client has no lead with this id.</summary>
    [Alias("Get")]
    Task<LeadSnapshot?> GetAsync();

    // The work that follows capture (job handlers call these; the long work runs outside the grain).

    /// <summary>Enrichment and auto-reply state, or <c>null</c> when this client has no lead with this id.</summary>
    [Alias("GetProcessing")]
    Task<LeadProcessing?> GetProcessingAsync();

    /// <summary>
    /// In one transaction: writes the enrichment to the lead (appending <c>{value, at, model}</c> to the tone,
    /// confidence and urgency histories) and logs the prediction in <c>feedback_tracking</c> (the engine's latency
    /// goes to the in-process performance recorder, not a row per lead). Idempotent per <see cref="LeadEnrichment.JobId"/>: returns false
    /// and changes nothing when that job's enrichment was already applied (or the lead does not exist).
    /// </summary>
    [Alias("ApplyEnrichment")]
    Task<bool> ApplyEnrichmentAsync(LeadEnrichment enrichment);

    /// <summary>Marks the enrichment <c>failed</c> (the job gave up) unless one was completed.</summary>
    [Alias("MarkEnrichmentFailed")]
    Task MarkEnrichmentFailedAsync();

    /// <summary>
    /// Reserves the auto-reply under <paramref name="messageId"/> if none was started, and returns the state:
    /// the caller sends only while it is <c>sending</c>, and with the Message-ID recorded there (which is an
    /// earlier attempt's when that attempt was interrupted).
    /// </summary>
    [Alias("ReserveAutoReply")]
    Task<LeadProcessing?> ReserveAutoReplyAsync(string messageId);

    /// <summary>Records the auto-reply sent (<c>auto_reply_sent_at</c>). Returns false when <paramref name="messageId"/> was not the reserved one.</summary>
    [Alias("MarkAutoReplySent")]
    Task<bool> MarkAutoReplySentAsync(string messageId, string note);

    /// <summary>Records that no auto-reply will be sent and why. Returns false when one was already started.</summary>
    [Alias("SkipAutoReply")]
    Task<bool> SkipAutoReplyAsync(string reason);
}

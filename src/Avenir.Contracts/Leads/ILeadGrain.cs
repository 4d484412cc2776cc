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
    /// Decides the auto-reply in one transaction, serialised per client and per recipient address: when none was decided
    /// and <paramref name="limits"/> allow it, reserves <paramref name="messageId"/> (<c>sending</c>) — the caller then
    /// sends once and marks it sent; when a limit says no, marks the lead withheld with the reason (and the client's
    /// limit pauses the client's replies). An earlier decision is returned as it stands.
    /// </summary>
    [Alias("ReserveAutoReply")]
    Task<AutoReplyReservation> ReserveAutoReplyAsync(string messageId, AutoReplyLimits limits);

    /// <summary>Records the auto-reply sent (<c>auto_reply_sent_at</c>). Returns false when <paramref name="messageId"/> was not the reserved one.</summary>
    [Alias("MarkAutoReplySent")]
    Task<bool> MarkAutoReplySentAsync(string messageId, string note);

    /// <summary>
    /// Gives a reservation back (<c>sending → not decided</c>) when the relay certainly did not take the message (it
    /// refused it, or no connection was made), so a retry may send it. Returns false when it was not the reserved one.
    /// </summary>
    [Alias("ReleaseAutoReply")]
    Task<bool> ReleaseAutoReplyAsync(string messageId);

    /// <summary>
    /// An attempt found its reservation from an interrupted earlier attempt: marks it <c>unconfirmed</c> (it may have
    /// gone out) so it is never sent twice. Returns false when it was not the reserved one.
    /// </summary>
    [Alias("MarkAutoReplyUnconfirmed")]
    Task<bool> MarkAutoReplyUnconfirmedAsync(string messageId);

    /// <summary>
    /// Records that no auto-reply will be sent: <c>skipped</c> (the client's choice, a deleted lead) or <c>withheld</c> (a
    /// safety rule), with the reason's code and a note. Returns false when one was already decided.
    /// </summary>
    [Alias("DecideNoAutoReply")]
    Task<bool> DecideNoAutoReplyAsync(string status, string reason, string note);
}

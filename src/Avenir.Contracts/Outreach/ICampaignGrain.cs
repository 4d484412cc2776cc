namespace Avenir.Contracts.Outreach;

/// <summary>
/// One outreach campaign (key: campaign id): the single writer of its <c>outreach_campaigns</c> row, of its emails'
/// states (<c>outreach_emails</c>, each change also in <c>prospect_outreach_log</c>), of its <c>outreach_tracking</c>
/// events and of its <c>outreach_metrics</c> row, whose live figures it serves from memory (no SQL per poll). Statuses
/// draft → active ⇄ paused → completed; it pauses itself when its bounce rate crosses the threshold.
/// </summary>
[Alias("Avenir.Contracts.Outreach.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithGuidKey
{
    /// <summary>Creates the campaign as a draft with empty metrics.</summary>
    [Alias("Create")]
    Task<CampaignCommandResult> CreateAsync(CampaignDraft draft);

    /// <summary>The campaign with its live metrics, or null when it does not exist.</summary>
    [Alias("Get")]
    Task<CampaignSnapshot?> GetAsync();

    /// <summary>Changes name, target and settings (draft or paused only).</summary>
    [Alias("Update")]
    Task<CampaignCommandResult> UpdateAsync(string name, CampaignTarget target, CampaignSettings settings);

    /// <summary>Moves to <paramref name="status"/> (<see cref="CampaignStatuses"/>) when the transition is allowed.</summary>
    [Alias("ChangeStatus")]
    Task<CampaignCommandResult> ChangeStatusAsync(string status);

    /// <summary>Writes one pending email per targeted prospect and sequence step, in the prospect's language (idempotent).</summary>
    [Alias("GenerateEmails")]
    Task<EmailGeneration> GenerateEmailsAsync();

    /// <summary>
    /// The A/B tests of the campaign, one per language with a template B (<see cref="CampaignSettings.AbTemplateEn"/>), decided
    /// again on each call and at each send pass; a winner is recorded once and the prospects held back get its template.
    /// </summary>
    [Alias("GetAbTests")]
    Task<IReadOnlyList<CampaignAbTestStatus>> GetAbTestsAsync();

    /// <summary>Approves or rejects pending emails of this campaign (with their follow-ups).</summary>
    [Alias("Review")]
    Task<EmailReviewResult> ReviewAsync(EmailReview review);

    /// <summary>Up to <paramref name="max"/> approved emails due now, oldest due first (none unless active).</summary>
    [Alias("Due")]
    Task<IReadOnlyList<Guid>> DueEmailsAsync(int max);

    /// <summary>What is needed to send one email now, or why not (a suppressed recipient cancels it and its follow-ups).</summary>
    [Alias("PrepareSend")]
    Task<SendPreparation> PrepareSendAsync(Guid emailId);

    /// <summary>Leaves an approved email for later (its mailbox or window refused it for now).</summary>
    [Alias("Defer")]
    Task DeferAsync(Guid emailId, DateTimeOffset until);

    /// <summary>Records the transport's answer: sent (and schedules the next step), bounced at once, or retried later.</summary>
    [Alias("RecordSend")]
    Task<CampaignMetrics> RecordSendAsync(OutreachSendReport report);

    /// <summary>Records an open, click or one-click unsubscribe of one of this campaign's emails.</summary>
    [Alias("RecordEngagement")]
    Task<EngagementResult> RecordEngagementAsync(OutreachEngagement engagement);

    /// <summary>Records a reply, automatic reply, bounce or mailto: unsubscribe found in the mailbox (once per message).</summary>
    [Alias("RecordInbound")]
    Task<bool> RecordInboundAsync(OutreachInbound inbound);

    /// <summary>
    /// Cancels this campaign's pending and approved emails to <paramref name="prospectId"/> (another campaign recorded their
    /// unsubscribe or hard bounce: the stop is immediate everywhere, not only at the next send's check). Returns how many.
    /// Interleaved with the grain's other calls: it is called from inside another campaign's call, and two campaigns
    /// recording the same prospect's stop at once would otherwise wait on each other until the call timeout.
    /// </summary>
    [Alias("CancelProspect"), Orleans.Concurrency.AlwaysInterleave]
    Task<int> CancelProspectAsync(Guid prospectId, string reason);

    /// <summary>The live metrics (from memory).</summary>
    [Alias("GetMetrics")]
    Task<CampaignMetrics> GetMetricsAsync();
}

namespace Avenir.Contracts.Leads;

// Real outcomes of what the platform did for a lead, recorded for the learning loop (docs/learning-loop.md).
public partial interface ILeadGrain
{
    /// <summary>
    /// Records that the lead's auto-reply was answered or bounced: a <c>feedback_tracking</c> row
    /// (<c>email_response</c>, positive for a reply, negative for a bounce, the Message-ID in its context) and a
    /// <c>lead_actions</c> row, in one tenant transaction. Idempotent per lead and event: recording the same event
    /// again answers <see cref="AutoReplyOutcomeResult.AlreadyRecorded"/> and writes nothing.
    /// </summary>
    [Alias("RecordAutoReplyOutcome")]
    Task<AutoReplyOutcomeResult> RecordAutoReplyOutcomeAsync(AutoReplyOutcome outcome);
}

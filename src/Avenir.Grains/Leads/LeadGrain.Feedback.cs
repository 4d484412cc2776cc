namespace Avenir.Grains.Leads;

// Outcomes of the auto-reply for the learning loop. The lead row is locked while deciding, so a reply and a
// retried webhook delivering the same event cannot both write (the unique index of V35 is the second wall).
public sealed partial class LeadGrain
{
    public async Task<AutoReplyOutcomeResult> RecordAutoReplyOutcomeAsync(AutoReplyOutcome outcome)
    {
        var now = time.GetUtcNow();
        var eventName = LeadFeedbackRows.EventName(outcome.Event);
        await using var transaction = await database.BeginForClientAsync(ClientId);
        if (!await LeadFeedbackRows.LockAutoReplyAsync(transaction, ClientId, LeadId, outcome.MessageId))
        {
            return AutoReplyOutcomeResult.NotFound;
        }

        if (await LeadFeedbackRows.HasEmailResponseAsync(transaction, ClientId, LeadId, eventName))
        {
            return AutoReplyOutcomeResult.AlreadyRecorded;
        }

        await LeadFeedbackRows.InsertEmailResponseFeedbackAsync(transaction, ClientId, LeadId, outcome, now);
        await LeadManagementRows.InsertActionAsync(transaction, ClientId, LeadId, new LeadAction(
            outcome.Event == AutoReplyEvent.Replied ? LeadActionTypes.AutoReplyReplied : LeadActionTypes.AutoReplyBounced)
        {
            Metadata = new()
            {
                ["messageId"] = outcome.MessageId,
                ["occurredAt"] = outcome.OccurredAt ?? now,
                ["detail"] = outcome.Detail,
            },
        }, "email", now);
        await transaction.CommitAsync();
        return AutoReplyOutcomeResult.Recorded;
    }
}

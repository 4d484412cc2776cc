namespace Avenir.Grains.Leads;

// The work that follows a lead's capture: enrichment and the auto-reply. Job handlers do the slow part
// (the model, SMTP) outside any grain call and record each step here, in the lead's tenant transaction.
public sealed partial class LeadGrain
{
    public async Task<LeadProcessing?> GetProcessingAsync()
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        return await LeadProcessingRows.FindAsync(transaction, ClientId, LeadId);
    }

    public async Task<bool> ApplyEnrichmentAsync(LeadEnrichment enrichment)
    {
        var now = time.GetUtcNow();
        LeadStatus? before, after;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            before = await LeadManagementRows.LockStatusAsync(transaction, ClientId, LeadId); // the growth figures' facts before
            after = await LeadProcessingRows.ApplyEnrichmentAsync(transaction, ClientId, LeadId, enrichment, now); // as stored (confidence rounded by SQL)
            if (after is null)
            {
                return false;
            }

            await LeadProcessingRows.InsertPredictionFeedbackAsync(transaction, ClientId, LeadId, enrichment, now);
            await transaction.CommitAsync();
        }

        loaded = false; // the snapshot now lags the row: read it back on next need
        await NotifyClientAsync(before, after);
        return true;
    }

    public async Task MarkEnrichmentFailedAsync()
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        await LeadProcessingRows.MarkEnrichmentFailedAsync(transaction, ClientId, LeadId, time.GetUtcNow());
        await transaction.CommitAsync();
    }

    public async Task<AutoReplyReservation> ReserveAutoReplyAsync(string messageId, AutoReplyLimits limits)
    {
        var now = time.GetUtcNow();
        AutoReplyReservation reservation;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            if (await LeadProcessingRows.LockAutoReplyTargetAsync(transaction, ClientId, LeadId) is not { } target)
            {
                return new AutoReplyReservation(AutoReplyReservationOutcome.NotFound, null, null);
            }

            if (target.Status is not null)
            {
                return new AutoReplyReservation(
                    AutoReplyReservationOutcome.AlreadyDecided, null, await LeadProcessingRows.FindAsync(transaction, ClientId, LeadId));
            }

            var counts = await LeadProcessingRows.LockAndCountAutoRepliesAsync(
                transaction, ClientId, target.Recipient, now - TimeSpan.FromHours(1), now - TimeSpan.FromDays(1));
            if (AutoReplyLimitCheck.Refusal(counts, limits) is { } refusal)
            {
                await LeadProcessingRows.DecideNoAutoReplyAsync(
                    transaction, ClientId, LeadId, LeadProcessingStatuses.AutoReplyWithheld, refusal.Reason, refusal.Note, now);
                reservation = new AutoReplyReservation(AutoReplyReservationOutcome.Withheld, refusal.Reason, null);
            }
            else
            {
                await LeadProcessingRows.ReserveAutoReplyAsync(transaction, ClientId, LeadId, messageId, now);
                reservation = new AutoReplyReservation(AutoReplyReservationOutcome.Reserved, null, null);
            }

            reservation = reservation with { State = await LeadProcessingRows.FindAsync(transaction, ClientId, LeadId) };
            await transaction.CommitAsync();
        }

        if (reservation.Reason == AutoReplyReasons.ClientLimit)
        {
            // The client's own grain writes its row: from now on its replies wait until the client resumes them.
            await GrainFactory.GetGrain<IClientGrain>(ClientId).PauseAutoRepliesAsync(AutoReplyReasons.ClientLimit);
        }

        return reservation;
    }

    public Task<bool> MarkAutoReplySentAsync(string messageId, string note) =>
        InTransactionAsync((transaction, at) => LeadProcessingRows.MarkAutoReplySentAsync(transaction, ClientId, LeadId, messageId, note, at));

    public Task<bool> ReleaseAutoReplyAsync(string messageId) =>
        InTransactionAsync((transaction, at) => LeadProcessingRows.ReleaseAutoReplyAsync(transaction, ClientId, LeadId, messageId, at));

    public Task<bool> MarkAutoReplyUnconfirmedAsync(string messageId) =>
        InTransactionAsync((transaction, at) => LeadProcessingRows.MarkAutoReplyUnconfirmedAsync(transaction, ClientId, LeadId, messageId, at));

    public Task<bool> DecideNoAutoReplyAsync(string status, string reason, string note)
    {
        if (status is not (LeadProcessingStatuses.AutoReplySkipped or LeadProcessingStatuses.AutoReplyWithheld) || !AutoReplyReasons.All.Contains(reason))
        {
            throw new ArgumentException($"'{status}'/'{reason}' is not a decision against a reply.", nameof(status));
        }

        return InTransactionAsync((transaction, at) => LeadProcessingRows.DecideNoAutoReplyAsync(transaction, ClientId, LeadId, status, reason, note, at));
    }

    /// <summary>One statement on the lead's auto-reply state, in its own transaction under the client's scope.</summary>
    private async Task<bool> InTransactionAsync(Func<TenantTransaction, DateTimeOffset, Task<bool>> statement)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var changed = await statement(transaction, time.GetUtcNow());
        await transaction.CommitAsync();
        return changed;
    }
}

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

    public async Task<LeadProcessing?> ReserveAutoReplyAsync(string messageId)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        await LeadProcessingRows.ReserveAutoReplyAsync(transaction, ClientId, LeadId, messageId, time.GetUtcNow());
        var state = await LeadProcessingRows.FindAsync(transaction, ClientId, LeadId);
        await transaction.CommitAsync();
        return state;
    }

    public async Task<bool> MarkAutoReplySentAsync(string messageId, string note)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var marked = await LeadProcessingRows.MarkAutoReplySentAsync(transaction, ClientId, LeadId, messageId, note, time.GetUtcNow());
        await transaction.CommitAsync();
        return marked;
    }

    public async Task<bool> SkipAutoReplyAsync(string reason)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var skipped = await LeadProcessingRows.SkipAutoReplyAsync(transaction, ClientId, LeadId, reason, time.GetUtcNow());
        await transaction.CommitAsync();
        return skipped;
    }
}

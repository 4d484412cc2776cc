using Avenir.Grains.Growth;

namespace Avenir.Grains.Clients;

// The growth brain's side of the client grain. Lead events change the accumulator in memory (O(1) each);
// the flush timer publishes the report to growth_brain and writes the state at most every FlushInterval;
// a recompute from the tables replaces the accumulator and publishes at once.
public sealed partial class ClientGrain
{
    private bool growthDirty;

    public Task RecordLeadsCreatedAsync(IReadOnlyList<LeadStatus> leads)
    {
        foreach (var lead in leads)
        {
            RecordLeadReceived(lead.ReceivedAt);
            ApplyGrowth(null, lead);
        }

        return Task.CompletedTask;
    }

    public async Task<GrowthBrainReport?> GetGrowthAsync()
    {
        if (profile is null)
        {
            return null;
        }

        if (live.State.Growth is not { } growth)
        {
            return await RecomputeGrowthAsync(); // the recompute at activation failed: try again now
        }

        return GrowthReport(growth, time.GetUtcNow(), GrowthSource);
    }

    public async Task<GrowthBrainReport?> RecomputeGrowthAsync()
    {
        if (profile is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        GrowthBrainReport report;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            var growth = await GrowthRows.RecomputeAsync(transaction, ClientId, now);
            // The recompute makes earlier LLM insights stale (they describe older figures): the rules' insights are published.
            report = GrowthReport(growth, now, GrowthBrainReport.RecomputeSource, recomputedAt: now);
            await GrowthRows.PublishAsync(transaction, ClientId, report);
            await transaction.CommitAsync();
            (live.State.Growth, live.State.GrowthFromRecompute, live.State.GrowthRecomputedAt) = (growth, true, now);
        }

        growthDirty = false;
        await live.WriteStateAsync();
        logger.LogInformation("Recomputed the growth figures of client {ClientId}: {Leads} leads", ClientId, report.TotalLeads);
        return report;
    }

    private string GrowthSource => live.State.GrowthFromRecompute ? GrowthBrainReport.RecomputeSource : GrowthBrainReport.IncrementalSource;

    /// <summary>First activation after the growth brain arrived (or of a new client): the accumulator comes from the tables.</summary>
    private async Task EnsureGrowthAsync(CancellationToken cancellationToken)
    {
        if (profile is null || live.State.Growth is not null)
        {
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            await using var transaction = await database.BeginForClientAsync(ClientId, cancellationToken);
            (live.State.Growth, live.State.GrowthFromRecompute) = (await GrowthRows.RecomputeAsync(transaction, ClientId, now, cancellationToken), true);
            live.State.GrowthRecomputedAt = now;
            growthDirty = true; // published and stored by the next flush
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Intake must not depend on the growth brain: without an accumulator, events are skipped and the next read recomputes.
            logger.LogWarning(exception, "Could not compute the growth figures of client {ClientId} on activation", ClientId);
        }
    }

    private void ApplyGrowth(LeadStatus? before, LeadStatus? after)
    {
        if (live.State.Growth is not { } growth)
        {
            return;
        }

        growth.AdvanceTo(time.GetUtcNow());
        growth.Apply(before, after);
        live.State.GrowthFromRecompute = false;
        growthDirty = true;
    }
}

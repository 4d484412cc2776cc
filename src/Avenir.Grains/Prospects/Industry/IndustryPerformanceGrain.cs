using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects.Industry;

/// <inheritdoc cref="IIndustryPerformanceGrain"/>
/// <remarks>
/// Each counted event is claimed (<c>prospect_industry_events</c>) in the same transaction as the row it changes, so an
/// event delivered twice counts once and a failed write counts nothing. Opens and replies of emails sent before this
/// grain existed still count: the rates are capped at 100 %. When the rounded priority (what the score reads) moves, a
/// <c>prospect_rescore</c> job of this industry is enqueued in the same transaction (one waits at most).
/// </remarks>
public sealed class IndustryPerformanceGrain(TenantDatabase database, TimeProvider time) : Grain, IIndustryPerformanceGrain
{
    private IndustryPerformanceRow row = new(0, 0, 0, null, 0);

    private string Industry => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        row = await IndustryPerformanceRows.FindAsync(transaction, Industry, cancellationToken) ?? row;
    }

    public Task<IndustryPerformance> GetAsync() => Task.FromResult(Snapshot(row));

    public async Task<IndustryPerformance> RecordAsync(OutreachProspectEvent outreachEvent)
    {
        ArgumentNullException.ThrowIfNull(outreachEvent);
        var next = outreachEvent.Action switch
        {
            OutreachActions.Sent => row with { TotalContacted = row.TotalContacted + 1 },
            OutreachActions.Opened => row with { TotalOpened = row.TotalOpened + 1 },
            OutreachActions.Replied => Replied(row, outreachEvent.ResponseTime),
            _ => null, // delivered, clicked, bounced, unsubscribed: not part of the aggregate
        };
        if (next is null)
        {
            return Snapshot(row);
        }

        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync();
        if (!await IndustryPerformanceRows.ClaimEventAsync(transaction, outreachEvent.EmailId, outreachEvent.Action, Industry,
                outreachEvent.ProspectId, outreachEvent.At, now))
        {
            return Snapshot(row); // counted before
        }

        var snapshot = Snapshot(next);
        await IndustryPerformanceRows.UpsertAsync(transaction, Industry, next, snapshot.OpenRate, snapshot.ReplyRate, snapshot.Priority, now);
        if (Rounded(Snapshot(row).Priority) != Rounded(snapshot.Priority))
        {
            // The score reads the rounded priority: the industry's prospects are rescored in the background, with the row.
            await ProspectJobRows.EnqueueRescoreAsync(transaction, Industry, now);
        }

        await transaction.CommitAsync();
        row = next;
        return snapshot;
    }

    private static decimal Rounded(decimal priority) => Math.Round(priority, MidpointRounding.AwayFromZero);

    /// <summary>A reply, and its response time folded into the running mean.</summary>
    private static IndustryPerformanceRow Replied(IndustryPerformanceRow row, TimeSpan? responseTime)
    {
        var replied = row with { TotalReplied = row.TotalReplied + 1 };
        if (responseTime is not { } elapsed || elapsed < TimeSpan.Zero)
        {
            return replied;
        }

        var samples = row.ResponseTimeSamples + 1;
        var mean = ((row.AvgResponseTimeHours ?? 0) * row.ResponseTimeSamples + (decimal)elapsed.TotalHours) / samples;
        return replied with { AvgResponseTimeHours = Math.Round(mean, 2, MidpointRounding.AwayFromZero), ResponseTimeSamples = samples };
    }

    private IndustryPerformance Snapshot(IndustryPerformanceRow current) => new(
        Industry, current.TotalContacted, current.TotalOpened, current.TotalReplied,
        IndustryPriority.Rate(current.TotalOpened, current.TotalContacted), IndustryPriority.Rate(current.TotalReplied, current.TotalContacted),
        current.AvgResponseTimeHours, IndustryPriority.Compute(current.TotalContacted, current.TotalOpened, current.TotalReplied));
}

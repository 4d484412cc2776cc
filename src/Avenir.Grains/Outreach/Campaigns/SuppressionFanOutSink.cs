namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// When a campaign records an unsubscribe or a hard bounce, every other campaign with emails still to send to that
/// prospect cancels them at once, each through its own grain (the single writer of its emails). The suppression row is
/// what every send checks, so a failure here stops nothing from being refused; this makes the stop visible everywhere
/// right away (review queues, statuses) instead of at each campaign's next send pass.
/// </summary>
public sealed class SuppressionFanOutSink(IGrainFactory grains, TenantDatabase database) : IOutreachEventSink
{
    public async Task PublishAsync(OutreachProspectEvent outreachEvent)
    {
        ArgumentNullException.ThrowIfNull(outreachEvent);
        if (outreachEvent.Action is not (OutreachActions.Unsubscribed or OutreachActions.Bounced))
        {
            return;
        }

        IReadOnlyList<Guid> others;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            others = await CampaignEmailRows.OtherCampaignsToSendAsync(transaction, outreachEvent.ProspectId, outreachEvent.CampaignId);
        }

        var reason = outreachEvent.Action == OutreachActions.Unsubscribed ? "suppressed: unsubscribed" : "suppressed: hard bounce";
        foreach (var campaign in others)
        {
            await grains.GetGrain<ICampaignGrain>(campaign).CancelProspectAsync(outreachEvent.ProspectId, reason);
        }
    }
}

using Avenir.Contracts.Prospects;
using Avenir.Grains.Outreach.Tracking;

namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// Marks a prospect do-not-contact through its own grain (issue 11's single writer of <c>prospect_candidates</c>) when
/// a campaign recorded its unsubscribe or hard bounce. The suppression the campaign grain committed first is what every
/// send checks; this flag is what the prospects list and everything else outside outreach sees. Idempotent.
/// </summary>
public sealed class ProspectDoNotContactSink(IGrainFactory grains, TenantDatabase database) : IOutreachEventSink
{
    public async Task PublishAsync(OutreachProspectEvent outreachEvent)
    {
        ArgumentNullException.ThrowIfNull(outreachEvent);
        if (outreachEvent.Action is OutreachActions.Unsubscribed or OutreachActions.Bounced)
        {
            await MarkAsync(grains, database, outreachEvent.ProspectId);
        }
    }

    public static async Task MarkAsync(IGrainFactory grains, TenantDatabase database, Guid prospectId)
    {
        string? domain;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            domain = await TrackingRows.ProspectDomainAsync(transaction, prospectId);
        }

        if (domain is not null)
        {
            await grains.GetGrain<IProspectGrain>(domain).SetDoNotContactAsync();
        }
    }
}

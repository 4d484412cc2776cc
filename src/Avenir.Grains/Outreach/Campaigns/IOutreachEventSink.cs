namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// Where the campaign grain hands each recorded prospect event (sent, opened, clicked, replied, bounced, unsubscribed),
/// after its transaction committed: the seam for the prospects' industry-performance aggregate. Registered sinks are
/// called in turn; a failing sink is logged and never undoes the event.
/// </summary>
public interface IOutreachEventSink
{
    Task PublishAsync(OutreachProspectEvent outreachEvent);
}

using System.Text.Json;
using Avenir.Grains.Outreach.Tracking;

namespace Avenir.Grains.Outreach.Campaigns;

public sealed partial class CampaignGrain
{
    public async Task<EngagementResult> RecordEngagementAsync(OutreachEngagement engagement)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        if (campaign is null)
        {
            return new(false, null);
        }

        var now = time.GetUtcNow();
        var next = counters.Copy();
        var events = new List<OutreachProspectEvent>();
        string? redirect = null;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            var email = await CampaignEmailRows.FindAsync(transaction, campaign.ClientId, CampaignId, engagement.EmailId);
            if (email is null)
            {
                return new(false, null);
            }

            var clientId = campaign.ClientId;
            switch (engagement.Action)
            {
                case OutreachActions.Opened:
                    await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Opened, now,
                        new { userAgent = Truncate(engagement.UserAgent), weakSignal = true });
                    if (await CampaignEmailRows.MarkEngagedAsync(transaction, clientId, CampaignId, email.Id, OutreachActions.Opened, now))
                    {
                        next.Opened++;
                        await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachEmailStatuses.Opened, now);
                        events.Add(Event(email, OutreachActions.Opened, now));
                    }

                    break;

                case OutreachActions.Clicked:
                    var links = JsonSerializer.Deserialize<TrackedLink[]>(email.TrackedLinks, Sql.Json) ?? [];
                    if (engagement.LinkIndex is not { } index || TrackedLinks.Resolve(links, index) is not { } url)
                    {
                        return new(false, null); // never a URL the email did not carry
                    }

                    redirect = url.AbsoluteUri;
                    if (LinkScannerSignals.Reason(engagement.UserAgent, email.SentAt, now) is { } scanner)
                    {
                        // Kept for the record, counted nowhere: a security gateway fetching the links at delivery.
                        await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Clicked, now,
                            new { url = redirect, linkIndex = index, userAgent = Truncate(engagement.UserAgent), suspectedScanner = true, reason = scanner });
                        break;
                    }

                    await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Clicked, now,
                        new { url = redirect, linkIndex = index, userAgent = Truncate(engagement.UserAgent) });
                    var firstOpen = email.OpenedAt is null;
                    if (await CampaignEmailRows.MarkEngagedAsync(transaction, clientId, CampaignId, email.Id, OutreachActions.Clicked, now))
                    {
                        next.Clicked++;
                        // A click proves the open that a blocked pixel did not report.
                        if (firstOpen)
                        {
                            next.Opened++;
                            await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Opened, now,
                                new { inferredFromClick = true });
                        }

                        await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachActions.Clicked, now);
                        events.Add(Event(email, OutreachActions.Clicked, now));
                    }

                    break;

                case OutreachActions.Unsubscribed:
                    if (await UnsubscribeAsync(transaction, email, engagement.Source ?? "link", now))
                    {
                        next.Unsubscribed++;
                        events.Add(Event(email, OutreachActions.Unsubscribed, now));
                    }

                    break;

                default:
                    return new(false, null);
            }

            await WriteMetricsAsync(transaction, next);
            await transaction.CommitAsync();
        }

        counters = next;
        await PublishAsync(events);
        return new(true, redirect);
    }

    public async Task<bool> RecordInboundAsync(OutreachInbound inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (campaign is null || settings is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var next = counters.Copy();
        var events = new List<OutreachProspectEvent>();
        var pause = false;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            var email = await CampaignEmailRows.FindAsync(transaction, campaign.ClientId, CampaignId, inbound.EmailId);
            if (email is null)
            {
                return false;
            }

            var clientId = campaign.ClientId;
            var metadata = new { kind = inbound.Kind.ToString(), from = Truncate(inbound.From), detail = Truncate(inbound.Detail), receivedAt =
                inbound.ReceivedAt };
            switch (inbound.Kind)
            {
                case InboundEventKind.Reply:
                    if (!await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Replied,
                        now, metadata, inbound.EventKey))
                    {
                        return false;
                    }

                    if (await CampaignEmailRows.MarkEngagedAsync(transaction, clientId, CampaignId, email.Id, OutreachActions.Replied, now))
                    {
                        next.Replied++;
                        await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachEmailStatuses.Replied, now, Truncate(inbound.Detail));
                        events.Add(Event(email, OutreachActions.Replied, now));
                    }

                    // A person answered: nothing more goes to them (nor, when asked, to their colleagues at the same domain).
                    await CancelSequenceAsync(transaction, email.ProspectId, "replied", now);
                    if (settings.StopWholeDomainOnReply)
                    {
                        foreach (var colleague in await CampaignEmailRows.SameDomainProspectsAsync(transaction, clientId, CampaignId, email.ProspectId))
                        {
                            await CancelSequenceAsync(transaction, colleague, "replied_same_domain", now);
                        }
                    }

                    break;

                case InboundEventKind.AutomaticReply:
                    // An out-of-office proves delivery and says nothing of interest: recorded, the sequence goes on.
                    if (!await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Delivered, now,
                            new { automaticReply = true, metadata.from, metadata.detail }, inbound.EventKey))
                    {
                        return false;
                    }

                    break;

                case InboundEventKind.HardBounce:
                case InboundEventKind.SoftBounce:
                    var hard = inbound.Kind == InboundEventKind.HardBounce
                        || await CampaignEmailRows.MarkSoftBounceAsync(transaction, clientId, CampaignId, email.Id, inbound.Detail ?? "soft bounce",
                            email.ScheduledAt ?? now, now) >= CampaignRules.SoftBouncesBeforeHard;
                    if (!await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Bounced, now,
                            new { hard, metadata.from, metadata.detail }, inbound.EventKey))
                    {
                        return false;
                    }

                    if (hard && await CampaignEmailRows.MarkBouncedAsync(transaction, clientId, CampaignId, email.Id, null, inbound.Detail ?? "bounced", now))
                    {
                        next.Bounced++;
                        await StopAfterBounceAsync(transaction, email, inbound.Detail ?? "bounced", now);
                        events.Add(Event(email, OutreachActions.Bounced, now));
                    }

                    break;

                case InboundEventKind.Unsubscribe:
                    if (await UnsubscribeAsync(transaction, email, "mailto", now))
                    {
                        next.Unsubscribed++;
                        events.Add(Event(email, OutreachActions.Unsubscribed, now));
                    }

                    break;
            }

            pause = await CommitPausingOnBouncesAsync(transaction, next, now);
        }

        AdoptCommitted(next, pause, now);

        await PublishAsync(events);
        return true;
    }

    /// <summary>
    /// Suppresses the address and the prospect at once and for good, stops the sequence; true when this email had not
    /// been unsubscribed from before (idempotent: a second POST changes nothing).
    /// </summary>
    private async Task<bool> UnsubscribeAsync(TenantTransaction transaction, EmailRow email, string source, DateTimeOffset now)
    {
        await CampaignEventRows.SuppressAsync(transaction, email.ProspectEmail, email.ProspectId, SuppressionReasons.Unsubscribed, CampaignId,
            email.Id, source, now);
        await CancelSequenceAsync(transaction, email.ProspectId, "unsubscribed", now);
        if (!await CampaignEventRows.TrackAsync(transaction, campaign!.ClientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Unsubscribed, now,
                new { source }, "unsubscribe"))
        {
            return false;
        }

        await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachActions.Unsubscribed, now);
        return true;
    }

    private static string? Truncate(string? value) => value is { Length: > 500 } ? value[..500] : value;
}

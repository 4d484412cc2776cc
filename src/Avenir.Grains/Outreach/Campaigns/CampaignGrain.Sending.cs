using System.Text.Json;
using Avenir.Grains.Outreach.Consent;
using Avenir.Grains.Outreach.Sending;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Grains.Prospects;

namespace Avenir.Grains.Outreach.Campaigns;

public sealed partial class CampaignGrain
{
    /// <summary>
    /// How long a ticket keeps its email from being handed out again: longer than a send takes (MailKit's operations time
    /// out after a minute), so a caller that died without reporting frees its emails, late but never twice at once.
    /// </summary>
    public static readonly TimeSpan TicketLease = TimeSpan.FromMinutes(10);

    // Emails with an outstanding ticket, until when. In memory: the grain is the single writer and handles one call at a
    // time, so check-and-take here is atomic; after a deactivation the send's own record (sent_at) is what counts.
    private readonly Dictionary<Guid, DateTimeOffset> ticketsOut = [];

    public async Task<IReadOnlyList<Guid>> DueEmailsAsync(int max)
    {
        if (campaign?.Status != CampaignStatuses.Active)
        {
            return [];
        }

        await DecideAbTestsAsync();
        await using var transaction = await database.BeginForSystemAsync();
        return await CampaignEmailRows.DueAsync(transaction, campaign.ClientId, CampaignId, time.GetUtcNow(), Math.Clamp(max, 1, 500));
    }

    public async Task<SendPreparation> PrepareSendAsync(Guid emailId)
    {
        if (campaign?.Status != CampaignStatuses.Active || settings is null)
        {
            return new(null, SendRefusal.NotSendable);
        }

        var now = time.GetUtcNow();
        if (ticketsOut.TryGetValue(emailId, out var leased) && leased > now)
        {
            return new(null, SendRefusal.InFlight);
        }

        await using var transaction = await database.BeginForSystemAsync();
        var email = await CampaignEmailRows.FindAsync(transaction, campaign.ClientId, CampaignId, emailId);
        if (email is not { Status: OutreachEmailStatuses.Approved, MissingEmail: false, ProspectEmail: { } address })
        {
            return new(null, SendRefusal.NotSendable);
        }

        // Checked at the send, not at approval: an unsubscribe or a bounce in any campaign since then wins.
        if (await CampaignEventRows.IsSuppressedAsync(transaction, address, email.ProspectId))
        {
            await CancelSequenceAsync(transaction, email.ProspectId, "suppressed", now);
            await transaction.CommitAsync();
            return new(null, SendRefusal.Suppressed);
        }

        // CASL: the basis is read and evaluated at the send (each step), so a publication sighting that aged out since
        // approval, or evidence for another address, stops it.
        var basis = await ProspectConsentRows.InForceAsync(transaction, email.ProspectId, address);
        var consent = ConsentCheck.Evaluate(basis?.ToBasis(), address, RecipientSuppression.None, now);
        if (!consent.Allowed)
        {
            var reason = $"{CampaignRules.ConsentMissing} ({consent.Code}): {consent.Reason}";
            await CancelSequenceAsync(transaction, email.ProspectId, reason, now, logReason: true);
            await transaction.CommitAsync();
            return new(null, SendRefusal.NoConsent);
        }

        ParentEmail? parent = null;
        if (email.FollowUpSequence > 1)
        {
            parent = await CampaignEmailRows.FindParentAsync(transaction, campaign.ClientId, CampaignId, email.ProspectId, email.FollowUpSequence);
            if (parent?.MessageId is null || email.ScheduledAt is not { } due || due > now)
            {
                return new(null, SendRefusal.NotDue);
            }
        }

        var ticket = new OutreachSendTicket(
            email.Id, CampaignId, email.ProspectId, address, email.ProspectName, email.Language ?? "en", email.Subject, email.Content,
            email.PlainContent ?? "", email.FollowUpSequence, parent?.MessageId, parent?.MessageReferences ?? [], parent?.ThreadId,
            email.RecipientTimeZone ?? settings.DefaultTimeZone, settings.Sender, settings.Window);
        ticketsOut[email.Id] = now + TicketLease;
        return new(ticket, SendRefusal.None);
    }

    public async Task<int> CancelProspectAsync(Guid prospectId, string reason)
    {
        if (campaign is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync();
        // Interleaved (see the contract): an email with a ticket out is being sent right now; its send is recorded as sent.
        var sending = ticketsOut.Where(t => t.Value > now).Select(t => t.Key).ToArray();
        var cancelled = await CancelSequenceAsync(transaction, prospectId, reason, now, logReason: true, sparing: sending);
        await transaction.CommitAsync();
        return cancelled;
    }

    public async Task DeferAsync(Guid emailId, DateTimeOffset until)
    {
        ticketsOut.Remove(emailId);
        if (campaign is null)
        {
            return;
        }

        await using var transaction = await database.BeginForSystemAsync();
        await CampaignEmailRows.ScheduleAsync(transaction, campaign.ClientId, CampaignId, emailId, until.ToUniversalTime());
        await transaction.CommitAsync();
    }

    public async Task<CampaignMetrics> RecordSendAsync(OutreachSendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ticketsOut.Remove(report.EmailId);
        if (campaign is null || settings is null)
        {
            return CampaignMetrics.Empty;
        }

        var now = time.GetUtcNow();
        var next = counters.Copy();
        var events = new List<OutreachProspectEvent>();
        var pause = false;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            var email = await CampaignEmailRows.FindAsync(transaction, campaign.ClientId, CampaignId, report.EmailId);
            if (email is null)
            {
                return counters.Metrics();
            }

            var clientId = campaign.ClientId;
            var detail = new { report.StatusCode, report.EnhancedStatusCode, report.Detail, report.MessageId };
            switch (report.Outcome)
            {
                case SendOutcomeKind.Accepted:
                    var links = JsonSerializer.Serialize(
                        report.Links.Select((url, index) => new TrackedLink(index, url)).ToArray(), Sql.Json);
                    var threadId = report.ProviderThreadId ?? (report.References.Count > 0 ? report.References[0] : report.MessageId);
                    if (await CampaignEmailRows.MarkSentAsync(transaction, clientId, CampaignId, report, settings.Sender.Address, threadId, links, now) == 0)
                    {
                        return counters.Metrics(); // recorded already (a retried report)
                    }

                    await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Sent, now,
                        detail, "send");
                    await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachEmailStatuses.Sent, now);
                    next.Sent++;
                    events.Add(Event(email, OutreachActions.Sent, now));
                    await ScheduleFollowUpAsync(transaction, email, now);
                    break;

                case SendOutcomeKind.HardBounce:
                    if (!await CampaignEmailRows.MarkBouncedAsync(transaction, clientId, CampaignId, email.Id, report.MessageId, report.Detail, now))
                    {
                        return counters.Metrics();
                    }

                    // Refused at the send call (e.g. 550 5.1.1): it was sent to the server and bounced, both at once.
                    await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Sent, now,
                        detail, "send");
                    await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Bounced, now,
                        new { hard = true, atSend = true, report.StatusCode, report.EnhancedStatusCode, report.Detail }, "send");
                    next.Sent++;
                    next.Bounced++;
                    await StopAfterBounceAsync(transaction, email, report.Detail, now);
                    events.Add(Event(email, OutreachActions.Sent, now));
                    events.Add(Event(email, OutreachActions.Bounced, now));
                    break;

                case SendOutcomeKind.SoftBounce:
                    var softBounces = await CampaignEmailRows.MarkSoftBounceAsync(
                        transaction, clientId, CampaignId, email.Id, report.Detail, now + (report.RetryAfter ?? CampaignRules.DefaultRetryDelay), now);
                    if (softBounces >= CampaignRules.SoftBouncesBeforeHard
                        && await CampaignEmailRows.MarkBouncedAsync(transaction, clientId, CampaignId, email.Id, report.MessageId, report.Detail, now))
                    {
                        await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Sent, now,
                            detail, "send");
                        await CampaignEventRows.TrackAsync(transaction, clientId, CampaignId, email.Id, email.ProspectId, OutreachActions.Bounced, now,
                            new { hard = true, softBounces, report.Detail }, "send");
                        next.Sent++;
                        next.Bounced++;
                        await StopAfterBounceAsync(transaction, email, report.Detail, now);
                        events.Add(Event(email, OutreachActions.Bounced, now));
                    }

                    break;

                case SendOutcomeKind.Retryable:
                    await CampaignEmailRows.ScheduleAsync(transaction, clientId, CampaignId, email.Id, now + (report.RetryAfter ?? TimeSpan.FromMinutes(5)));
                    break;

                default:
                    await CampaignEmailRows.MarkFailedAsync(transaction, clientId, CampaignId, email.Id, report.Detail, now);
                    await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachEmailStatuses.Failed, now);
                    break;
            }

            pause = await CommitPausingOnBouncesAsync(transaction, next, now);
        }

        AdoptCommitted(next, pause, now);

        await PublishAsync(events);
        return counters.Metrics();
    }

    /// <summary>Due time of the next step, counted from this actual send in the recipient's zone and the campaign's window.</summary>
    private async Task ScheduleFollowUpAsync(TenantTransaction transaction, EmailRow email, DateTimeOffset sentAt)
    {
        var settings = this.settings!;
        if (email.FollowUpSequence > settings.FollowUpBusinessDays.Count)
        {
            return;
        }

        var zone = ZonedTime.Find(email.RecipientTimeZone) ?? ZonedTime.Find(settings.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        var schedule = new FollowUpSchedule(settings.FollowUpBusinessDays);
        var due = schedule.DueAt(email.FollowUpSequence - 1, sentAt, sentAt, CampaignRules.Window(settings.Window), zone).ToUniversalTime();
        await CampaignEmailRows.ScheduleNextStepAsync(transaction, campaign!.ClientId, CampaignId, email.ProspectId, email.FollowUpSequence, due, sentAt);
    }

    /// <summary>A hard bounce: the address goes on the do-not-contact list and the prospect's sequence stops.</summary>
    private async Task StopAfterBounceAsync(TenantTransaction transaction, EmailRow email, string detail, DateTimeOffset now)
    {
        await CampaignEventRows.SuppressAsync(transaction, email.ProspectEmail, email.ProspectId, SuppressionReasons.HardBounce, CampaignId, email.Id,
            detail, now);
        await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachEmailStatuses.Bounced, now);
        await CancelSequenceAsync(transaction, email.ProspectId, "bounced", now);
    }

    /// <summary>
    /// Cancels what the prospect still has pending or approved in this campaign (but <paramref name="sparing"/>) and logs each
    /// email as cancelled; the log carries the reason when it says more than the status (consent, another campaign's stop).
    /// </summary>
    private async Task<int> CancelSequenceAsync(
        TenantTransaction transaction, Guid prospectId, string reason, DateTimeOffset now, bool logReason = false, IReadOnlyCollection<Guid>? sparing = null)
    {
        var cancelled = await CampaignEmailRows.CancelSequenceAsync(transaction, campaign!.ClientId, CampaignId, prospectId, reason, now, sparing);
        foreach (var email in cancelled)
        {
            await CampaignEmailRows.LogAsync(transaction, email.Id, OutreachEmailStatuses.Cancelled, now, reason: logReason ? reason : null);
        }

        return cancelled.Count;
    }
}

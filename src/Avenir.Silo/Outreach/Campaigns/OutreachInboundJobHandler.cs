using Avenir.Contracts.Jobs;
using Avenir.Contracts.Outreach;
using Avenir.Silo.Jobs;
using Avenir.Silo.Outreach.Inbound;
using Avenir.Silo.Outreach.Sending;

namespace Avenir.Silo.Outreach.Campaigns;

/// <summary>What one mailbox scan recorded.</summary>
public sealed record InboundScanSummary(int Examined, int Ours, int Recorded, int Untouched);

/// <summary>
/// <c>outreach_inbound</c>: scans a mailbox with <see cref="ImapMailboxWatcher"/> from the cursors its mailbox grain
/// keeps, hands each reply, automatic reply, bounce and unsubscribe request to the email's campaign grain (recorded once
/// per incoming Message-ID, so a rescan changes nothing), then stores the new cursors. Mail that is not ours is not
/// touched: the watcher neither flags, moves nor deletes it.
/// </summary>
public sealed class OutreachInboundJobHandler(
    IGrainFactory grains,
    ImapMailboxWatcher watcher,
    OutreachInboundQueries queries,
    IOptionsMonitor<OutreachOptions> options,
    TimeProvider time,
    ILogger<OutreachInboundJobHandler> logger) : IJobHandler
{
    public string JobType => JobTypes.OutreachInbound;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken) =>
        JobResult.Completed(await ScanAsync(job.Payload<OutreachInboundPayload>().MailboxId, cancellationToken));

    public async Task<InboundScanSummary> ScanAsync(string mailboxId, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Mailboxes.TryGetValue(mailboxId, out var mailbox) || string.IsNullOrEmpty(mailbox.Imap.Host))
        {
            throw new InvalidOperationException($"Outreach mailbox '{mailboxId}' has no IMAP configuration (Outreach:Mailboxes:{mailboxId}:Imap).");
        }

        var sent = await queries.SentFromAsync(mailbox.Address, time.GetUtcNow() - OutreachInboundQueries.MatchPeriod, cancellationToken);
        var mailboxGrain = grains.GetGrain<IOutreachMailboxGrain>(mailboxId);
        var cursors = (await mailboxGrain.GetCursorsAsync()).Select(c => new ImapFolderCursor(c.Folder, c.UidValidity, c.LastUid)).ToList();
        var scan = await watcher.ScanAsync(mailbox.Imap, cursors, sent.ContainsKey, cancellationToken);

        var recorded = 0;
        foreach (var found in scan.Events)
        {
            if (await InboundAsync(found, sent, cancellationToken) is not { } inbound)
            {
                continue;
            }

            recorded += await grains.GetGrain<ICampaignGrain>(inbound.CampaignId).RecordInboundAsync(inbound.Event) ? 1 : 0;
        }

        // Cursors after the events: a crash in between rescans them, and recording is idempotent.
        await mailboxGrain.SaveCursorsAsync([.. scan.Cursors.Select(c => new MailboxFolderCursor(c.Folder, c.UidValidity, c.LastUid))]);
        logger.LogInformation("Outreach mailbox {MailboxId}: {Examined} examined, {Ours} ours, {Recorded} recorded", mailboxId, scan.Examined,
            scan.Events.Count, recorded);
        return new(scan.Examined, scan.Events.Count, recorded, scan.Untouched);
    }

    private async Task<(Guid CampaignId, OutreachInbound Event)?> InboundAsync(
        InboundMailEvent found, IReadOnlyDictionary<string, SentOutreachEmail> sent, CancellationToken cancellationToken)
    {
        var classification = found.Classification;
        var key = classification.MessageId ?? $"{found.Folder}/{found.Uid}";
        var at = found.ReceivedAt ?? time.GetUtcNow();
        InboundEventKind? kind = classification.Kind switch
        {
            InboundKind.Reply => InboundEventKind.Reply,
            InboundKind.AutomaticReply => InboundEventKind.AutomaticReply,
            InboundKind.Bounce when classification.Bounce?.Severity == BounceSeverity.Soft => InboundEventKind.SoftBounce,
            InboundKind.Bounce => InboundEventKind.HardBounce,
            InboundKind.UnsubscribeRequest => InboundEventKind.Unsubscribe,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var detail = classification.Bounce is { } bounce ? $"{bounce.Status} {bounce.Diagnostic}".Trim() : classification.Reason;
        if (kind == InboundEventKind.Unsubscribe)
        {
            return classification.Unsubscribe is { } claims && await queries.CampaignOfAsync(claims.EmailId, cancellationToken) is { } campaign
                ? (campaign, new OutreachInbound(claims.EmailId, kind.Value, key, classification.From, detail, at))
                : null;
        }

        return classification.OriginalMessageId is { } original && sent.TryGetValue(original, out var email)
            ? (email.CampaignId, new OutreachInbound(email.Id, kind.Value, key, classification.From, detail, at))
            : null;
    }
}

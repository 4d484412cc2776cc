using Avenir.Contracts.Outreach;
using Avenir.Silo.Outreach.Composition;
using Avenir.Silo.Outreach.Sending;
using Avenir.Grains.Outreach.Templates;

namespace Avenir.Silo.Outreach.Campaigns;

/// <summary>What one pass over a campaign's due emails did.</summary>
/// <param name="NextAttemptAt">When the mailbox allows the next send, when it stopped this pass (limit or spacing).</param>
public sealed record CampaignSendPass(int Sent, int Bounced, int Deferred, int Refused, DateTimeOffset? NextAttemptAt);

/// <summary>
/// The send path of one campaign: each due email is prepared by the campaign grain (do-not-contact and sequence checked
/// now), allowed by its mailbox grain at this very call (the limit, spacing and window counted there), composed (CASL
/// footer, List-Unsubscribe, threading headers, tracked links), sent, and its outcome reported to the campaign grain
/// at once — a synchronous 5xx is a hard bounce before the next email goes.
/// </summary>
public sealed class CampaignSendRunner(
    IGrainFactory grains,
    OutreachMessageComposer composer,
    IOutreachSenderFactory senders,
    ILogger<CampaignSendRunner> logger)
{
    /// <summary>Sends what is due now, up to <paramref name="max"/> emails, stopping when the mailbox says wait.</summary>
    public async Task<CampaignSendPass> SendDueAsync(Guid campaignId, int max, CancellationToken cancellationToken)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(campaignId);
        int sent = 0, bounced = 0, deferred = 0, refused = 0;
        foreach (var emailId in await campaign.DueEmailsAsync(max))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var preparation = await campaign.PrepareSendAsync(emailId);
            if (preparation.Ticket is not { } ticket)
            {
                if (preparation.Refusal == SendRefusal.NoConsent)
                {
                    logger.LogInformation("Outreach email {EmailId} of campaign {CampaignId} refused: no CASL basis allows it", emailId, campaignId);
                }

                refused++;
                continue;
            }

            var mailbox = grains.GetGrain<IOutreachMailboxGrain>(ticket.Sender.MailboxId);
            var permit = await mailbox.ReserveSendAsync(ticket.Window, ticket.TimeZone);
            if (!permit.Allowed)
            {
                deferred++;
                await campaign.DeferAsync(emailId, permit.NextAllowedAt.ToUniversalTime());
                if (permit.Reason != "outside_window")
                {
                    // The mailbox itself must wait (limit or spacing): no other email of it may go before then.
                    return new(sent, bounced, deferred, refused, permit.NextAllowedAt);
                }

                continue;
            }

            var composed = composer.Compose(Request(ticket));
            var result = await senders.ForMailbox(ticket.Sender.MailboxId).SendAsync(composed.Message, ticket.ProviderThreadId, cancellationToken);
            await campaign.RecordSendAsync(new OutreachSendReport(
                ticket.EmailId, Outcome(result.Status), composed.MessageId, composed.References,
                [.. composed.Links.OrderBy(l => l.Index).Select(l => l.Url)], result.ProviderMessageId, result.ProviderThreadId,
                result.StatusCode, result.EnhancedStatusCode, result.Detail, result.RetryAfter));
            // After the outcome is recorded: the mailbox then counts this send from no earlier than its recorded time.
            await mailbox.CompleteSendAsync(permit.NextAllowedAt);
            switch (result.Status)
            {
                case OutreachSendStatus.Accepted:
                    sent++;
                    break;
                case OutreachSendStatus.HardBounce:
                    bounced++;
                    break;
                default:
                    logger.LogWarning("Outreach email {EmailId} not sent: {Status} {Detail}", ticket.EmailId, result.Status, result.Detail);
                    break;
            }
        }

        return new(sent, bounced, deferred, refused, null);
    }

    private static OutreachMessageRequest Request(OutreachSendTicket ticket) => new(
        ticket.EmailId,
        ticket.ProspectId,
        new SenderIdentity(ticket.Sender.Name, ticket.Sender.Address, ticket.Sender.Company, ticket.Sender.PostalAddress),
        new OutreachRecipient(ticket.RecipientAddress, ticket.RecipientName),
        new RenderedEmail(ticket.Language, ticket.Subject, ticket.Html, ticket.Text),
        ticket.ParentMessageId is { } parent ? new OutreachThread(parent, ticket.ParentReferences) : null);

    private static SendOutcomeKind Outcome(OutreachSendStatus status) => status switch
    {
        OutreachSendStatus.Accepted => SendOutcomeKind.Accepted,
        OutreachSendStatus.HardBounce => SendOutcomeKind.HardBounce,
        OutreachSendStatus.SoftBounce => SendOutcomeKind.SoftBounce,
        OutreachSendStatus.Retryable => SendOutcomeKind.Retryable,
        _ => SendOutcomeKind.Failed,
    };
}

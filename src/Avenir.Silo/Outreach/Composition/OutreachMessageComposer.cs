using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Silo.Outreach.Dkim;
using MimeKit;

namespace Avenir.Silo.Outreach.Composition;

/// <summary>
/// Builds the MIME message of one outreach email: the sender's identity, plain text and HTML alternatives, the CASL
/// footer, a Message-ID on the sender's domain, thread headers for follow-ups, RFC 8058 one-click unsubscribe headers,
/// click tracking and the open pixel; then DKIM-signs it when a signer is configured.
/// </summary>
public sealed class OutreachMessageComposer(TrackingUrls urls, TimeProvider time, OutreachDkimSigner? dkim = null)
{
    /// <summary>RFC 8058 §3.1: the exact value that tells a mail client a POST to the https URL unsubscribes.</summary>
    public const string OneClickValue = "List-Unsubscribe=One-Click";

    public ComposedMessage Compose(OutreachMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sender = request.Sender;
        var from = new MailboxAddress(OutreachTemplateEngine.OneLine(sender.Name), sender.Address);
        var domain = from.Domain;
        if (string.IsNullOrEmpty(domain))
        {
            throw new ArgumentException($"The sender address {sender.Address} has no domain.", nameof(request));
        }

        // Deterministic per email: a retried send (after a crash between send and record) keeps its Message-ID, so
        // replies to either copy still match.
        var messageId = $"{request.EmailId:N}@{domain}";
        var unsubscribeUrl = urls.Unsubscribe(request.EmailId, request.ProspectId);
        var unsubscribeToken = unsubscribeUrl[(unsubscribeUrl.LastIndexOf('/') + 1)..];
        var unsubscribeMailbox = sender.UnsubscribeMailbox ?? sender.Address;

        var (html, links) = LinkTracker.Rewrite(
            request.Content.Html,
            request.TrackClicks ? index => urls.Click(request.EmailId, index) : null,
            urls.IsTrackingUrl,
            CaslFooter.Html(sender, unsubscribeUrl, request.Content.Language),
            request.TrackOpens ? urls.OpenPixel(request.EmailId) : null);
        var text = request.Content.Text.ReplaceLineEndings("\n").TrimEnd() + "\n" + CaslFooter.Text(sender, unsubscribeUrl, request.Content.Language);

        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(OutreachTemplateEngine.OneLine(request.Recipient.Name ?? ""), request.Recipient.Address));
        if (sender.ReplyTo is not null)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(sender.ReplyTo));
        }

        message.Subject = OutreachTemplateEngine.OneLine(request.Content.Subject);
        message.Date = time.GetUtcNow();
        message.MessageId = messageId;

        var references = new List<string>();
        if (request.Thread is { } thread)
        {
            message.InReplyTo = thread.ParentMessageId;
            references.AddRange(thread.ParentReferences);
            references.Add(thread.ParentMessageId);
            foreach (var reference in references)
            {
                message.References.Add(reference);
            }
        }

        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>, <mailto:{unsubscribeMailbox}?subject=unsubscribe%20{unsubscribeToken}>");
        message.Headers.Add("List-Unsubscribe-Post", OneClickValue);

        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        message.Body = body.ToMessageBody();

        // Seven-bit bodies survive every relay unchanged (an 8-bit body re-encoded on the way breaks a DKIM signature).
        message.Prepare(EncodingConstraint.SevenBit);
        dkim?.Sign(message);
        return new ComposedMessage(message, messageId, links, unsubscribeUrl, references);
    }
}

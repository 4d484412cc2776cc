using System.Text.RegularExpressions;
using Avenir.Grains.Outreach.Tracking;
using MimeKit;

namespace Avenir.Silo.Outreach.Inbound;

/// <summary>
/// Classifies a message that arrived in a sending mailbox against the Message-IDs we sent: an unsubscribe request
/// (our List-Unsubscribe mailto: with a valid token), a bounce (DSN or text), an automatic reply (never counted as a
/// reply), a real reply (In-Reply-To / References), or unrelated. Pure over the message and the lookup.
/// </summary>
public sealed partial class InboundMessageClassifier(TrackingTokens tokens)
{
    /// <summary>Whether only the headers are needed (a bounce needs its body; a reply or an auto-reply does not).</summary>
    public static bool NeedsBody(HeaderList headers) => BounceReader.LooksLikeBounce(headers);

    /// <param name="message">The message (headers only is enough unless <see cref="NeedsBody"/> says otherwise).</param>
    /// <param name="isOurMessageId">Whether a Message-ID (without angle brackets) is one we sent.</param>
    public InboundClassification Classify(MimeMessage message, Func<string, bool> isOurMessageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(isOurMessageId);
        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        InboundClassification Result(InboundKind kind, string? original, string reason, BounceDetails? bounce = null, TrackingClaims? unsubscribe = null) =>
            new(kind, original, message.MessageId, from, bounce, unsubscribe, reason);

        // A copy of our own message (a Sent folder, a Bcc to self) is not an answer to it.
        if (message.MessageId is { } own && isOurMessageId(own))
        {
            return Result(InboundKind.Unrelated, null, "our own sent message");
        }

        if (UnsubscribeSubject().Match(message.Subject ?? "") is { Success: true } request)
        {
            var verification = tokens.Verify(request.Groups[1].Value, TrackingPurpose.Unsubscribe);
            if (verification.Claims is { } claims)
            {
                return Result(InboundKind.UnsubscribeRequest, null, "unsubscribe by email", unsubscribe: claims);
            }
        }

        if (BounceReader.Read(message) is var (details, candidates))
        {
            var original = candidates.FirstOrDefault(isOurMessageId);
            if (original is null)
            {
                return Result(InboundKind.Unrelated, null, "a bounce of a message that is not ours");
            }

            var kind = details.Action is "delivered" or "relayed" or "expanded" ? InboundKind.DeliveryReport : InboundKind.Bounce;
            return Result(
                kind,
                original,
                kind == InboundKind.Bounce ? $"{details.Severity} bounce {details.Status} ({details.Format})" : $"delivery report: {details.Action}",
                details);
        }

        var parent = Parents(message).FirstOrDefault(isOurMessageId);
        if (parent is null)
        {
            return Result(InboundKind.Unrelated, null, "refers to none of our messages");
        }

        return AutomaticReplySignals.Find(message.Headers, message.Subject) is { } signal
            ? Result(InboundKind.AutomaticReply, parent, $"automatic reply ({signal})")
            : Result(InboundKind.Reply, parent, "reply");
    }

    /// <summary>In-Reply-To first, then References from the newest.</summary>
    private static IEnumerable<string> Parents(MimeMessage message)
    {
        if (!string.IsNullOrEmpty(message.InReplyTo))
        {
            yield return message.InReplyTo;
        }

        foreach (var reference in message.References.Reverse())
        {
            yield return reference;
        }
    }

    [GeneratedRegex(
        @"^\s*(?:unsubscribe|d[ée]sabonnement|se d[ée]sabonner)\s+([A-Za-z0-9_-]{40,100})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnsubscribeSubject();
}

using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;
using MimeKit;

namespace Avenir.Silo.Outreach.Composition;

/// <summary>Everything the composer needs for one email (its content already rendered and, when required, approved).</summary>
/// <param name="EmailId">The <c>outreach_emails</c> row: it names the Message-ID and the tracking tokens.</param>
/// <param name="ProspectId">Carried by the unsubscribe token, so unsubscribing works for as long as the prospect exists.</param>
/// <param name="Content">The rendered subject, HTML and plain text (<see cref="OutreachTemplateEngine.Render"/>).</param>
/// <param name="Thread">For a follow-up: the email it follows.</param>
/// <param name="TrackClicks">Rewrite the HTML's http(s) links through the click redirect.</param>
/// <param name="TrackOpens">Add the open pixel.</param>
public sealed record OutreachMessageRequest(
    Guid EmailId,
    Guid ProspectId,
    SenderIdentity Sender,
    OutreachRecipient Recipient,
    RenderedEmail Content,
    OutreachThread? Thread = null,
    bool TrackClicks = true,
    bool TrackOpens = true);

/// <summary>A composed, optionally DKIM-signed message and what must be stored with the email before it is sent.</summary>
/// <param name="MessageId">Without angle brackets; record it (<c>outreach_emails</c>) to match replies and bounces.</param>
/// <param name="Links">Every rewritten link with its index: the only places the email's click tokens can lead to.</param>
/// <param name="References">The References of this message (parent's plus parent), for the next follow-up's <see cref="OutreachThread"/>.</param>
public sealed record ComposedMessage(
    MimeMessage Message, string MessageId, IReadOnlyList<TrackedLink> Links, string UnsubscribeUrl, IReadOnlyList<string> References);

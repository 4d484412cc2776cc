using Avenir.Grains.Outreach.Tracking;

namespace Avenir.Silo.Outreach.Inbound;

/// <summary>What an incoming message is, to outreach.</summary>
public enum InboundKind
{
    /// <summary>Nothing of ours: left exactly as it was.</summary>
    Unrelated,

    /// <summary>A person answered one of our emails: the sequence stops, the email is "replied".</summary>
    Reply,

    /// <summary>An out-of-office or other automatic answer to one of our emails: recorded, never counted as a reply.</summary>
    AutomaticReply,

    /// <summary>A bounce (DSN or a mail server's text) of one of our emails: see <see cref="InboundClassification.Bounce"/>.</summary>
    Bounce,

    /// <summary>A positive DSN (delivered / relayed / expanded) of one of our emails.</summary>
    DeliveryReport,

    /// <summary>A mail to the <c>mailto:</c> of our List-Unsubscribe carrying a valid unsubscribe token.</summary>
    UnsubscribeRequest,
}

/// <summary>How bad a bounce is: hard (5.x.x, never send to this address again) or soft (4.x.x, try later).</summary>
public enum BounceSeverity
{
    Hard,
    Soft,
}

/// <summary>What the bounce says.</summary>
/// <param name="Status">The RFC 3463 status (<c>5.1.1</c>) when found.</param>
/// <param name="Action">The DSN action (<c>failed</c>, <c>delayed</c>) or <see langword="null"/> for a text bounce.</param>
/// <param name="Recipient">The address that failed, when named.</param>
/// <param name="Diagnostic">The remote server's words (<c>Diagnostic-Code</c> or the quoted reply).</param>
/// <param name="ReportingMta">The server that wrote the report.</param>
/// <param name="Format"><c>dsn</c> (RFC 3464 multipart/report) or <c>text</c> (a human-readable bounce with quoted headers).</param>
public sealed record BounceDetails(
    BounceSeverity Severity, string? Status, string? Action, string? Recipient, string? Diagnostic, string? ReportingMta, string Format);

/// <summary>The classifier's answer for one message.</summary>
/// <param name="OriginalMessageId">Our Message-ID the message is about (without angle brackets).</param>
/// <param name="MessageId">The incoming message's own Message-ID (for idempotent recording).</param>
/// <param name="From">The incoming message's sender address.</param>
/// <param name="Unsubscribe">For an unsubscribe request: the verified token's claims.</param>
/// <param name="Reason">Why, in a few words (for logs and the email's history).</param>
public sealed record InboundClassification(
    InboundKind Kind,
    string? OriginalMessageId,
    string? MessageId,
    string? From,
    BounceDetails? Bounce,
    TrackingClaims? Unsubscribe,
    string Reason)
{
    /// <summary>Ours: it concerns an email we sent, so the watcher may mark it (never anything else).</summary>
    public bool IsOurs => Kind != InboundKind.Unrelated;
}

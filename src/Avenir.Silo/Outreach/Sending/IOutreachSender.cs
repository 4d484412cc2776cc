using MimeKit;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// Sends one composed outreach message through one mailbox (SMTP or the Gmail API). Never throws for a delivery
/// problem: every outcome is a <see cref="OutreachSendResult"/> the caller records (a hard bounce stops the sequence,
/// a soft bounce or a retryable failure is tried again later, a failure needs a person).
/// </summary>
public interface IOutreachSender
{
    /// <summary><c>smtp</c> or <c>gmail</c>.</summary>
    string Transport { get; }

    /// <param name="providerThreadId">
    /// For the Gmail API: the thread of the previous email (from its result), so the sender's own mailbox threads the follow-up.
    /// </param>
    Task<OutreachSendResult> SendAsync(MimeMessage message, string? providerThreadId, CancellationToken cancellationToken);
}

/// <summary>What became of a send.</summary>
public enum OutreachSendStatus
{
    /// <summary>The server took responsibility for the message (it may still bounce later, by DSN).</summary>
    Accepted,

    /// <summary>The recipient was refused permanently (SMTP 5xx on RCPT or DATA, e.g. <c>550 5.1.1</c>): record a bounce, never send again.</summary>
    HardBounce,

    /// <summary>The recipient was refused for now (SMTP 4xx on RCPT or DATA, e.g. <c>452 4.2.2</c> mailbox full): try again later.</summary>
    SoftBounce,

    /// <summary>Nothing was decided about the recipient (connection failure, timeout, 421, 429/5xx from the API): try again later.</summary>
    Retryable,

    /// <summary>Permanent and not the recipient's doing (authentication, sender refused, malformed message, revoked token): fix the mailbox.</summary>
    Failed,
}

/// <summary>The outcome of one send.</summary>
/// <param name="ProviderMessageId">The Gmail message id, or the SMTP server's queue id when it says one.</param>
/// <param name="ProviderThreadId">The Gmail thread id (pass it to the follow-ups).</param>
/// <param name="StatusCode">The SMTP reply code or the HTTP status that decided.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 code (<c>5.1.1</c>) when the server gave one.</param>
/// <param name="Detail">The server's words, for the email's log.</param>
/// <param name="RetryAfter">When the server said how long to wait.</param>
public sealed record OutreachSendResult(
    OutreachSendStatus Status,
    string? ProviderMessageId,
    string? ProviderThreadId,
    int? StatusCode,
    string? EnhancedStatusCode,
    string Detail,
    TimeSpan? RetryAfter = null)
{
    public bool IsBounce => Status is OutreachSendStatus.HardBounce or OutreachSendStatus.SoftBounce;
}

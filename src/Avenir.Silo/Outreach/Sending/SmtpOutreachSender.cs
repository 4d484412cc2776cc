using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// Sends through a mailbox's SMTP submission server (MailKit), one connection per message, and reads the server's
/// synchronous answer as the bounce it is: 5xx on RCPT/DATA is a hard bounce <em>now</em>, not a failure to retry.
/// </summary>
public sealed partial class SmtpOutreachSender(SmtpMailboxOptions options, ILogger<SmtpOutreachSender> logger) : IOutreachSender
{
    public string Transport => "smtp";

    public async Task<OutreachSendResult> SendAsync(MimeMessage message, string? providerThreadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SecureSocketOptions security;
        try
        {
            security = MailSecurityPolicy.Resolve(options.Host, options.Port, options.Security, options.AllowPlaintextToRemoteHost, 465);
        }
        catch (InvalidOperationException refused)
        {
            return new(OutreachSendStatus.Failed, null, null, null, null, refused.Message);
        }

        using var client = new DsnSmtpClient(options.RequestDeliveryStatusNotifications)
        {
            Timeout = (int)options.Timeout.TotalMilliseconds,
            DeliveryStatusNotificationType = DeliveryStatusNotificationType.HeadersOnly, // RET=HDRS: a bounce need not carry our whole message back
        };
        var stage = "connect";
        try
        {
            await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.Username))
            {
                stage = "authenticate";
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            }

            stage = "send";
            var response = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            logger.LogInformation("Outreach <{MessageId}> accepted by {Host}:{Port}: {Response}", message.MessageId, options.Host, options.Port, response);
            return new(OutreachSendStatus.Accepted, QueueId(response), null, 250, EnhancedCode(response), response);
        }
        catch (SmtpCommandException refused)
        {
            var result = Classify(refused);
            logger.LogWarning(
                "Outreach <{MessageId}> {Status} at {Stage} by {Host}: {Code} {Detail}",
                message.MessageId, result.Status, stage, options.Host, (int)refused.StatusCode, refused.Message);
            return result;
        }
        catch (AuthenticationException failed)
        {
            return new(OutreachSendStatus.Failed, null, null, null, null, $"SMTP authentication to {options.Host} failed: {failed.Message}");
        }
        catch (NotSupportedException unsupported)
        {
            // The server lacks what the mailbox requires (STARTTLS, an authentication mechanism).
            return new(OutreachSendStatus.Failed, null, null, null, null, $"{options.Host}:{options.Port} cannot {stage} as configured: {unsupported.Message}");
        }
        catch (SslHandshakeException failed)
        {
            // A certificate or TLS-version problem does not fix itself by retrying.
            return new(OutreachSendStatus.Failed, null, null, null, null, $"TLS with {options.Host}:{options.Port} failed: {failed.Message}");
        }
        catch (Exception transient) when (
            transient is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
            || (transient is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Dropped before the server's final answer to DATA the message may still have been accepted; the Message-ID
            // stays the same on retry, so a duplicate at worst, and replies to either copy match.
            logger.LogWarning(
                transient, "Outreach <{MessageId}>: {Stage} with {Host}:{Port} failed; retryable", message.MessageId, stage, options.Host, options.Port);
            return new(OutreachSendStatus.Retryable, null, null, null, null, $"{stage} with {options.Host}:{options.Port} failed: {transient.Message}");
        }
    }

    /// <summary>The SMTP reply as a send outcome (RFC 5321 §4.2.1: 4yz transient, 5yz permanent).</summary>
    public static OutreachSendResult Classify(SmtpCommandException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var code = (int)refused.StatusCode;
        var permanent = code is >= 500 and < 600;
        var status = refused.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted => permanent ? OutreachSendStatus.HardBounce : OutreachSendStatus.SoftBounce,
            _ => permanent ? OutreachSendStatus.Failed : OutreachSendStatus.Retryable,
        };
        return new(status, null, null, code, EnhancedCode(refused.Message), refused.Message.Trim());
    }

    internal static string? EnhancedCode(string? text) =>
        text is not null && EnhancedStatus().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    private static string? QueueId(string response) =>
        QueuedAs().Match(response) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedStatus();

    [GeneratedRegex(@"queued as ([A-Za-z0-9]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueuedAs();

    /// <summary>Asks for DSNs of failures and delays, with the Message-ID as ENVID so a DSN names our message even without its headers.</summary>
    private sealed class DsnSmtpClient(bool requestDsn) : SmtpClient
    {
        protected override string? GetEnvelopeId(MimeMessage message) => requestDsn ? message.MessageId : null;

        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
            requestDsn ? DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay : null;
    }
}

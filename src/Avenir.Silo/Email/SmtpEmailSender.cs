using System.Net;
using System.Net.Sockets;
using Avenir.Infrastructure.Security;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Avenir.Silo.Email;

/// <summary>
/// SMTP through MailKit, one connection per message (auto-replies are few and far between). TLS unless configured off
/// or the relay is on this machine (<see cref="SmtpOptions.UseTls"/>). Failures before the message data was sent are
/// <see cref="EmailNotSentException"/>s; recipients are logged masked.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = !SmtpSecurity.UsesTls(smtp) ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception exception) when (exception is SocketException or SslHandshakeException or System.Security.Authentication.AuthenticationException
                                              or MailKit.Security.AuthenticationException or SmtpCommandException or SmtpProtocolException
                                              or IOException or TimeoutException)
        {
            throw new EmailNotSentException($"No session with {smtp.Host}:{smtp.Port}: {exception.Message}", exception);
        }

        string response;
        try
        {
            response = await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException exception) when (exception.ErrorCode is SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.RecipientNotAccepted)
        {
            // Refused at MAIL FROM / RCPT TO: before any data. (A refusal after DATA is MessageNotAccepted: also not taken.)
            throw new EmailNotSentException($"{smtp.Host} refused the envelope: {exception.Message}", exception);
        }
        catch (SmtpCommandException exception) when (exception.ErrorCode == SmtpErrorCode.MessageNotAccepted)
        {
            throw new EmailNotSentException($"{smtp.Host} refused the message: {exception.Message}", exception);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent <{MessageId}> to {Recipients} through {Host}:{Port}: {Response}",
            message.MessageId, string.Join(", ", message.To.Mailboxes.Select(m => MaskedAddress.Of(m.Address))), smtp.Host, smtp.Port, response);
    }
}

/// <summary>When SMTP is encrypted.</summary>
public static class SmtpSecurity
{
    /// <summary>
    /// <see cref="SmtpOptions.UseTls"/> when set; unset, TLS everywhere but to a relay on this machine (a development
    /// mail server on loopback), so a production relay is never spoken to in clear by omission.
    /// </summary>
    public static bool UsesTls(SmtpOptions smtp) => smtp.UseTls ?? !IsLoopback(smtp.Host);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

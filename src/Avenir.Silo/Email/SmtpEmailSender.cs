using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Avenir.Silo.Email;

/// <summary>SMTP through MailKit, one connection per message (auto-replies are few and far between).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        var response = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent <{MessageId}> to {Recipients} through {Host}:{Port}: {Response}",
            message.MessageId, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), smtp.Host, smtp.Port, response);
    }
}

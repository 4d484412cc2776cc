using MimeKit;

namespace Avenir.Silo.Email;

/// <summary>Sends a fully built message. Throws when the relay did not accept it.</summary>
public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

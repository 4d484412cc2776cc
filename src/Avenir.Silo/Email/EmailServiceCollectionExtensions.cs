using Avenir.Silo.Email;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers outgoing mail (<c>Email:*</c>).</summary>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddAvenirEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be a mailbox, e.g. \"Avenir <noreply@avenir.local>\".")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Smtp.Host) && o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Host and Email:Smtp:Port must be set.")
            .ValidateOnStart();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }
}

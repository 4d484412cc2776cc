using System.Collections.Concurrent;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>Gives the sender of a mailbox.</summary>
public interface IOutreachSenderFactory
{
    /// <summary>The sender of configured mailbox <paramref name="mailboxId"/> (<c>Outreach:Mailboxes:{id}</c>).</summary>
    IOutreachSender ForMailbox(string mailboxId);

    /// <summary>The sender of a mailbox described elsewhere; <paramref name="mailboxId"/> keys its cached OAuth token.</summary>
    IOutreachSender Create(string mailboxId, OutreachMailboxOptions mailbox);
}

/// <summary>SMTP or Gmail per mailbox; one Gmail token source per mailbox, kept for the process's life.</summary>
public sealed class OutreachSenderFactory(
    IOptionsMonitor<OutreachOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILoggerFactory loggers) : IOutreachSenderFactory
{
    private readonly ConcurrentDictionary<string, GmailAccessTokenSource> tokenSources = new(StringComparer.OrdinalIgnoreCase);

    public IOutreachSender ForMailbox(string mailboxId) =>
        options.CurrentValue.Mailboxes.TryGetValue(mailboxId, out var mailbox)
            ? Create(mailboxId, mailbox)
            : throw new InvalidOperationException($"No outreach mailbox \"{mailboxId}\" is configured (Outreach:Mailboxes:{mailboxId}).");

    public IOutreachSender Create(string mailboxId, OutreachMailboxOptions mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        switch (mailbox.Transport.ToLowerInvariant())
        {
            case "smtp":
                return new SmtpOutreachSender(mailbox.Smtp, loggers.CreateLogger<SmtpOutreachSender>());
            case "gmail":
                var http = httpClients.CreateClient(OutreachHttp.GmailClientName);
                var tokens = tokenSources.GetOrAdd(
                    mailboxId, _ => new GmailAccessTokenSource(httpClients.CreateClient(OutreachHttp.GmailClientName), mailbox.Gmail, time));
                return new GmailOutreachSender(http, mailbox.Gmail, tokens, time, loggers.CreateLogger<GmailOutreachSender>());
            default:
                throw new InvalidOperationException($"Outreach:Mailboxes:{mailboxId}:Transport is \"{mailbox.Transport}\"; use smtp or gmail.");
        }
    }
}

using Avenir.Silo.Outreach.Inbound;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// One sending mailbox (<c>Outreach:Mailboxes:{id}:*</c>): its address, how it sends, its limits and where its replies
/// are read. Mailboxes kept elsewhere (a table, later) build the same object and call the factory with it.
/// </summary>
public sealed class OutreachMailboxOptions
{
    public string Address { get; set; } = "";

    /// <summary><c>smtp</c> or <c>gmail</c>.</summary>
    public string Transport { get; set; } = "smtp";

    public SmtpMailboxOptions Smtp { get; set; } = new();

    public GmailMailboxOptions Gmail { get; set; } = new();

    public ImapMailboxOptions Imap { get; set; } = new();

    public MailboxLimitOptions Limits { get; set; } = new();
}

/// <summary>The mailbox's sending limits (<c>…:Limits:*</c>); the window comes from the campaign.</summary>
public sealed class MailboxLimitOptions
{
    public int DailyLimit { get; set; } = 50;

    public TimeSpan MinimumSpacing { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan MaximumJitter { get; set; } = TimeSpan.FromMinutes(3);

    public Avenir.Grains.Outreach.Sending.SendingLimits ToLimits(Avenir.Grains.Outreach.Sending.SendWindow window) =>
        new(DailyLimit, MinimumSpacing, MaximumJitter, window);
}

/// <summary>The section <c>Outreach</c>: the configured mailboxes by id.</summary>
public sealed class OutreachOptions
{
    public const string Section = "Outreach";

    public Dictionary<string, OutreachMailboxOptions> Mailboxes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

using Avenir.Silo.Outreach.Sending;

namespace Avenir.Silo.Outreach.Inbound;

/// <summary>Where a sending mailbox's replies and bounces are read (<c>Outreach:Mailboxes:{id}:Imap:*</c>).</summary>
public sealed class ImapMailboxOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    public bool AllowPlaintextToRemoteHost { get; set; }

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The folders to read; Gmail files some bounces and auto-replies elsewhere, add them here (e.g. <c>[Gmail]/Spam</c>).</summary>
    public List<string> Folders { get; set; } = ["INBOX"];

    /// <summary>The IMAP keyword set on messages that are ours once recorded. Nothing else is ever changed.</summary>
    public string ProcessedKeyword { get; set; } = "$AvenirProcessed";

    /// <summary>Bounce candidates larger than this are classified from their headers only.</summary>
    public int MaxMessageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>At most this many new messages per folder per scan (the next scan goes on from the cursor).</summary>
    public int BatchSize { get; set; } = 200;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

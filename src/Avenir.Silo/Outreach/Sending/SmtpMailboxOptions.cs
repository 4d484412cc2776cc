namespace Avenir.Silo.Outreach.Sending;

/// <summary>How to reach a mailbox's SMTP server, or how to secure a connection to a mail server.</summary>
public enum MailSecurity
{
    /// <summary>Implicit TLS on 465/993, STARTTLS required on any other port; plain only to a loopback host (a local test or relay).</summary>
    Auto,

    /// <summary>TLS from the first byte.</summary>
    ImplicitTls,

    /// <summary>STARTTLS, required: a server that does not offer it is refused.</summary>
    StartTls,

    /// <summary>No TLS. Refused for a host that is not loopback unless <c>AllowPlaintextToRemoteHost</c> is set.</summary>
    None,
}

/// <summary>A mailbox's SMTP submission server (<c>Outreach:Mailboxes:{id}:Smtp:*</c>).</summary>
public sealed class SmtpMailboxOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    /// <summary>Escape hatch for a trusted relay on a private network; credentials then cross the network in clear.</summary>
    public bool AllowPlaintextToRemoteHost { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>One SMTP operation's network timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Ask the server for DSNs (failure and delay) with the Message-ID as envelope id, when it offers the DSN extension.</summary>
    public bool RequestDeliveryStatusNotifications { get; set; } = true;
}

namespace Avenir.Silo.Email;

/// <summary>Outgoing mail (configuration section <c>Email</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>
    /// The sending address, e.g. <c>Avenir &lt;noreply@avenir.local&gt;</c>. Messages sent for a client show
    /// "{business name} via Avenir" with this address; Message-IDs use its domain.
    /// </summary>
    public string From { get; set; } = "Avenir <noreply@avenir.local>";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP relay (<c>Email:Smtp:*</c>). In development the AppHost points it at smtp4dev.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>
    /// TLS: implicit on port 465, STARTTLS (required) on any other port. Unset (the default): TLS unless the relay is on
    /// this machine (localhost or a loopback address). <c>false</c>: plain SMTP, for a trusted local relay only.
    /// </summary>
    public bool? UseTls { get; set; }

    /// <summary>Authenticates when set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Network timeout of one SMTP operation.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

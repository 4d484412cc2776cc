namespace Avenir.Silo.Prospects.FormTesting;

/// <summary>
/// <c>Prospects:FormTests</c>: who the test inquiry says it is from, how politely sites are fetched, the mailbox
/// that receives the answers and how long to wait for them.
/// </summary>
public sealed class FormTestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Prospects:FormTests";

    /// <summary>The robots.txt product token and the start of the User-Agent.</summary>
    public string UserAgentToken { get; set; } = "AvenirFormTester";

    /// <summary>A page that explains the tests and how to opt out (named in the User-Agent and the inquiry).</summary>
    public Uri ContactUrl { get; set; } = new("https://avenir.example/form-testing");

    /// <summary>The agency the inquiry presents (who is asking).</summary>
    public string AgencyName { get; set; } = "Avenir";

    /// <summary>The person who signs the inquiry.</summary>
    public string SenderName { get; set; } = "Équipe Avenir";

    /// <summary>A phone number for forms that require one (empty: the field is left empty unless required).</summary>
    public string? SenderPhone { get; set; }

    /// <summary>Least time between two requests to one host.</summary>
    public TimeSpan PerHostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most pages fetched to find the contact form (the home page and candidate links/paths).</summary>
    public int MaxPagesPerSite { get; set; } = 6;

    /// <summary>How long to wait for an answer before recording <c>timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often the mailbox is checked while waiting.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The mailbox answers arrive in.</summary>
    public FormTestMailboxOptions Mailbox { get; set; } = new();

    /// <summary>The User-Agent header: token, version and where to learn more.</summary>
    public string UserAgent => $"{UserAgentToken}/1.0 (+{ContactUrl})";
}

/// <summary><c>Prospects:FormTests:Mailbox</c>: the IMAP mailbox of the test address.</summary>
public sealed class FormTestMailboxOptions
{
    /// <summary>The test address; each test replies to a plus-address of it (<c>tests+&lt;id&gt;@agency.example</c>).</summary>
    public string Address { get; set; } = "tests@agency.example";

    /// <summary>IMAP host (required to watch for answers).</summary>
    public string? Host { get; set; }

    /// <summary>IMAP port (993 with TLS, 143 without).</summary>
    public int Port { get; set; } = 993;

    /// <summary><c>Auto</c>, <c>None</c>, <c>SslOnConnect</c> or <c>StartTls</c>.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>IMAP user name.</summary>
    public string? Username { get; set; }

    /// <summary>IMAP password (user secrets or the environment).</summary>
    public string? Password { get; set; }

    /// <summary>The folder answers arrive in.</summary>
    public string Folder { get; set; } = "INBOX";
}

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// A Gmail / Google Workspace mailbox sending through the Gmail API (<c>Outreach:Mailboxes:{id}:Gmail:*</c>) with an
/// OAuth2 refresh token (scope <c>https://www.googleapis.com/auth/gmail.send</c>, plus IMAP access for reading replies).
/// </summary>
public sealed class GmailMailboxOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string RefreshToken { get; set; } = "";

    /// <summary>The Gmail user (<c>me</c> = the token's owner).</summary>
    public string UserId { get; set; } = "me";

    /// <summary>The Gmail API origin (tests point it at a local server).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://gmail.googleapis.com");

    /// <summary>Google's OAuth2 token endpoint.</summary>
    public Uri TokenEndpoint { get; set; } = new("https://oauth2.googleapis.com/token");
}

/// <summary>The Gmail HTTP client's retries (<c>Outreach:Gmail:*</c>, shared by every Gmail mailbox).</summary>
public sealed class GmailTransportOptions
{
    public const string Section = "Outreach:Gmail";

    /// <summary>Retries of a 429 or 5xx answer, or of a connection failure.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off (exponential, jittered) when the answer says no Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest Retry-After waited inside the send call. A longer one ends the call as retryable with that delay,
    /// so the mailbox's grain reschedules instead of holding a job for minutes.
    /// </summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest computed back-off between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt's timeout. A timed-out send is not retried here (Gmail may have sent it); it ends retryable.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

namespace Avenir.Grains.Outreach.Tracking;

/// <summary>
/// Whether a click on a tracked link looks like a mail-security scanner rather than the recipient: gateways (Mimecast,
/// Proofpoint, Barracuda, Microsoft Safe Links…) fetch every link of a message when it is delivered, often with no user
/// agent, a library's, or their own name. Such hits still redirect (the URL is the email's own) and are kept in
/// <c>outreach_tracking</c> marked <c>suspectedScanner</c>, but they are not clicks: they count in no metric, no A/B test and
/// prove no open. A scanner posing as a browser minutes after delivery is not caught; nobody can tell it from a person.
/// </summary>
public static class LinkScannerSignals
{
    /// <summary>A person does not read an email and click in it within this time of its sending.</summary>
    public static readonly TimeSpan HumanDelay = TimeSpan.FromMinutes(1);

    // Lower-case fragments of the user agents scanners and HTTP libraries send.
    private static readonly string[] ScannerAgents =
    [
        "barracuda", "mimecast", "proofpoint", "urldefense", "safelinks", "bingpreview", "google-safety", "symantec", "messagelabs",
        "trendmicro", "trend micro", "fortiguard", "sophos", "ironport", "zscaler", "forcepoint", "checkpoint", "python-requests",
        "python-urllib", "aiohttp", "curl/", "wget/", "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww", "headlesschrome",
        "phantomjs", "bot/", "bot;", "spider", "crawler", "scanner",
    ];

    /// <summary>Why the hit looks automated (<c>no_user_agent</c>, <c>scanner_user_agent</c>, <c>too_soon_after_sending</c>), or null.</summary>
    public static string? Reason(string? userAgent, DateTimeOffset? sentAt, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "no_user_agent";
        }

        var agent = userAgent.ToLowerInvariant();
        if (ScannerAgents.Any(fragment => agent.Contains(fragment, StringComparison.Ordinal)))
        {
            return "scanner_user_agent";
        }

        return sentAt is { } sent && now - sent < HumanDelay ? "too_soon_after_sending" : null;
    }
}

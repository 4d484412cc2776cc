namespace Avenir.Silo.Prospects.FormTesting.Fetching;

/// <summary>What fetching one URL gave, redirects followed.</summary>
/// <param name="RequestedUrl">The URL asked for.</param>
/// <param name="FinalUrl">The URL the answer came from (after redirects); relative links resolve against it.</param>
/// <param name="StatusCode">The final HTTP status (0 when nothing answered).</param>
/// <param name="ContentType">The media type, e.g. <c>text/html</c>.</param>
/// <param name="Body">The body as text (at most <see cref="BrowsingSession.MaxBodyCharacters"/>).</param>
/// <param name="DisallowedByRobots">True when robots.txt forbids the URL (or a redirect target): nothing was requested.</param>
/// <param name="Error">A network error or time-out, in words.</param>
public sealed record SiteResponse(Uri RequestedUrl, Uri FinalUrl, int StatusCode, string? ContentType, string Body, bool DisallowedByRobots, string? Error)
{
    /// <summary>A 2xx answer.</summary>
    public bool IsSuccess => !DisallowedByRobots && Error is null && StatusCode is >= 200 and < 300;

    /// <summary>An HTML page.</summary>
    public bool IsHtml => IsSuccess && (ContentType is null || ContentType.Contains("html", StringComparison.OrdinalIgnoreCase));
}

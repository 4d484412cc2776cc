namespace Avenir.Api.Leads;

/// <summary>Where a browser request comes from, and whether a client allows it.</summary>
public static class IntakeOrigins
{
    /// <summary>The request's origin: the Origin header, else the origin of the Referer (some browsers omit Origin on form posts).</summary>
    public static string? Of(HttpRequest request)
    {
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && origin != "null")
        {
            return origin.TrimEnd('/');
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            ? referer.GetLeftPart(UriPartial.Authority)
            : null;
    }

    public static bool IsAllowed(string origin, IReadOnlyList<string> allowedOrigins) =>
        allowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    /// <summary>A redirect target is acceptable only on an allowed origin: intake must not be an open redirect.</summary>
    public static bool IsAllowedRedirect(string? target, IReadOnlyList<string> allowedOrigins) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && IsAllowed(uri.GetLeftPart(UriPartial.Authority), allowedOrigins);
}

namespace Avenir.Grains.Outreach.Tracking;

/// <summary>
/// A link of a sent email that the click redirect may lead to: the composer records every rewritten link with its
/// index; the click token carries only the index. Stored with the email (e.g. a jsonb column of <c>outreach_emails</c>).
/// </summary>
public sealed record TrackedLink(int Index, string Url);

/// <summary>Resolves a verified click to its destination.</summary>
public static class TrackedLinks
{
    /// <summary>
    /// The URL of link <paramref name="index"/> among <paramref name="links"/>, or <see langword="null"/> (answer 404, never
    /// redirect elsewhere). Only http/https URLs are ever recorded, and the scheme is checked again here.
    /// </summary>
    public static Uri? Resolve(IReadOnlyList<TrackedLink> links, int index)
    {
        ArgumentNullException.ThrowIfNull(links);
        var link = links.FirstOrDefault(l => l.Index == index);
        return link is not null && Uri.TryCreate(link.Url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
    }
}

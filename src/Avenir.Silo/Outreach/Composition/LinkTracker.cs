using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Avenir.Grains.Outreach.Tracking;

namespace Avenir.Silo.Outreach.Composition;

/// <summary>
/// Rewrites an email's HTML: each http(s) link through the click redirect (recorded with its index), the CASL footer
/// and the open pixel appended to the body. Parsed as a document (AngleSharp), so entity-encoded or oddly quoted
/// hrefs are read as a mail client reads them. Links to our own tracking URLs (unsubscribe) and non-web links
/// (mailto:, tel:) stay as they are. The plain-text part is never rewritten: a visible redirect URL looks like spam.
/// </summary>
internal static class LinkTracker
{
    private static readonly HtmlParser Parser = new();

    public static (string Html, IReadOnlyList<TrackedLink> Links) Rewrite(
        string html, Func<int, string>? clickUrl, Func<string, bool> isOurs, string footerHtml, string? openPixelUrl)
    {
        var document = Parser.ParseDocument(html);
        var links = new List<TrackedLink>();
        if (clickUrl is not null)
        {
            foreach (var anchor in document.QuerySelectorAll("a[href], area[href]"))
            {
                var href = anchor.GetAttribute("href")!.Trim();
                if (!Uri.TryCreate(href, UriKind.Absolute, out var uri)
                    || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                    || isOurs(href))
                {
                    continue;
                }

                var index = links.Count;
                links.Add(new TrackedLink(index, uri.AbsoluteUri));
                anchor.SetAttribute("href", clickUrl(index));
            }
        }

        var body = document.Body!;
        body.Insert(AdjacentPosition.BeforeEnd, footerHtml);
        if (openPixelUrl is not null)
        {
            var pixel = document.CreateElement("img");
            pixel.SetAttribute("src", openPixelUrl);
            pixel.SetAttribute("width", "1");
            pixel.SetAttribute("height", "1");
            pixel.SetAttribute("alt", "");
            pixel.SetAttribute("style", "display:block;width:1px;height:1px;border:0");
            body.AppendChild(pixel);
        }

        return ("<!DOCTYPE html>" + document.DocumentElement.OuterHtml, links);
    }
}

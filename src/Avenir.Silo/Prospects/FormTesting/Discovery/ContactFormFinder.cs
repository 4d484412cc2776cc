using Avenir.Silo.Prospects.FormTesting.Fetching;

namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>Where the search for a contact form ended: a form, or the reason there is none to test.</summary>
/// <param name="Form">The form to submit, or null.</param>
/// <param name="Refusal">Why not, when <paramref name="Form"/> is null.</param>
/// <param name="Pages">The pages fetched, in order.</param>
public sealed record ContactFormSearch(ContactForm? Form, FormRefusal? Refusal, IReadOnlyList<Uri> Pages);

/// <summary>
/// Finds a site's contact form: the home page (https, then http if https does not answer), then its contact links,
/// then the usual paths (/contact, /contact-us, /nous-joindre, /contactez-nous, /soumission…), at most
/// <see cref="FormTestOptions.MaxPagesPerSite"/> pages. A form behind a CAPTCHA, a form that exists only in
/// JavaScript, robots.txt and HTTP errors end the search with a <see cref="FormRefusal"/>.
/// </summary>
public sealed class ContactFormFinder(FormTestOptions options)
{
    private static readonly string[] UsualPaths =
        ["/contact", "/contact-us", "/nous-joindre", "/contactez-nous", "/nous-contacter", "/soumission", "/fr/contact", "/en/contact"];

    /// <summary>Searches <paramref name="website"/> (a URL or a bare domain).</summary>
    public async Task<ContactFormSearch> FindAsync(BrowsingSession session, Uri website, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(website);
        var pages = new List<Uri>();
        var home = await HomeAsync(session, website, pages, cancellationToken);
        if (home.Refusal is not null)
        {
            return new ContactFormSearch(null, home.Refusal, pages);
        }

        var response = home.Response!;
        var parsed = ContactPageParser.Parse(response.Body, response.FinalUrl);
        if (Judge(parsed, response.FinalUrl) is { } first)
        {
            return first with { Pages = pages };
        }

        var root = new Uri(response.FinalUrl.GetLeftPart(UriPartial.Authority));
        var candidates = parsed.ContactLinks
            .Concat(UsualPaths.Select(path => new Uri(root, path)))
            .Where(url => !pages.Contains(url))
            .Distinct()
            .ToList();
        FormRefusal? strongest = null;
        var disallowed = 0;
        var tried = 0;
        foreach (var candidate in candidates)
        {
            if (pages.Count >= options.MaxPagesPerSite)
            {
                break;
            }

            if (!await session.IsAllowedAsync(candidate, cancellationToken))
            {
                disallowed++;
                continue;
            }

            tried++;
            var page = await session.GetAsync(candidate, cancellationToken);
            pages.Add(candidate);
            if (!page.IsHtml)
            {
                continue;
            }

            var contact = ContactPageParser.Parse(page.Body, page.FinalUrl);
            if (Judge(contact, page.FinalUrl) is { } found)
            {
                if (found.Form is not null || found.Refusal?.Reason is FormRefusalReason.Captcha)
                {
                    return found with { Pages = pages };
                }

                strongest ??= found.Refusal;
            }
        }

        if (strongest is not null)
        {
            return new ContactFormSearch(null, strongest, pages);
        }

        return tried == 0 && disallowed > 0
            ? new ContactFormSearch(null, new FormRefusal(FormRefusalReason.RobotsDisallowed, "robots.txt forbids every contact page"), pages)
            : new ContactFormSearch(null, new FormRefusal(FormRefusalReason.NoContactForm, $"no contact form on {pages.Count} page(s)"), pages);
    }

    /// <summary>A verdict on one page: its form (unless behind a CAPTCHA), a CAPTCHA or JavaScript refusal, or null to keep looking.</summary>
    private static ContactFormSearch? Judge(ParsedPage page, Uri url)
    {
        if (page.Form is not null)
        {
            return page.Captcha is { } captcha
                ? new ContactFormSearch(null, new FormRefusal(FormRefusalReason.Captcha, $"{captcha} protects the form on {url}"), [])
                : new ContactFormSearch(page.Form, null, []);
        }

        return page.JavaScriptForm is { } reason
            ? new ContactFormSearch(null, new FormRefusal(FormRefusalReason.JavaScriptOnly, $"{reason} on {url}"), [])
            : null;
    }

    private static async Task<(SiteResponse? Response, FormRefusal? Refusal)> HomeAsync(
        BrowsingSession session, Uri website, List<Uri> pages, CancellationToken cancellationToken)
    {
        Uri[] attempts = website.Scheme == Uri.UriSchemeHttps ? [website, new UriBuilder(website) { Scheme = "http", Port = -1 }.Uri] : [website];
        SiteResponse? last = null;
        foreach (var url in attempts)
        {
            var response = await session.GetAsync(url, cancellationToken);
            last = response;
            if (response.DisallowedByRobots)
            {
                return (null, new FormRefusal(FormRefusalReason.RobotsDisallowed, $"robots.txt forbids {url.AbsolutePath}"));
            }

            pages.Add(url);
            if (response.Error is null)
            {
                break;
            }
        }

        return last switch
        {
            { Error: { } error } => (null, new FormRefusal(FormRefusalReason.Unreachable, $"{website.Host}: {error}")),
            { IsSuccess: false } => (null, new FormRefusal(FormRefusalReason.HttpError, $"the home page answered {last.StatusCode}")),
            _ => (last, null),
        };
    }
}

using System.Net;
using Avenir.Silo.Prospects.FormTesting.Robots;

namespace Avenir.Silo.Prospects.FormTesting.Fetching;

/// <summary>
/// One polite visit of a site, as a browser would make it but slower: every request names Avenir in its
/// User-Agent, waits its host's turn (<see cref="HostPacer"/>: one request per second per host, or the site's
/// crawl-delay), is checked against the site's robots.txt (fetched once per origin), carries the session's
/// cookies, and follows up to <see cref="MaxRedirects"/> redirects (303, and 301/302 after a POST, become GETs).
/// </summary>
public sealed class BrowsingSession
{
    /// <summary>Most redirects followed per request.</summary>
    public const int MaxRedirects = 5;

    /// <summary>Longest body kept (characters): a contact page is far smaller.</summary>
    public const int MaxBodyCharacters = 2_000_000;

    private readonly HttpClient _http;
    private readonly FormTestOptions _options;
    private readonly HostPacer _pacer;
    private readonly CookieContainer _cookies = new();
    private readonly Dictionary<string, RobotsTxt> _robots = new(StringComparer.OrdinalIgnoreCase);

    internal BrowsingSession(HttpClient http, FormTestOptions options, HostPacer pacer)
    {
        _http = http;
        _options = options;
        _pacer = pacer;
    }

    /// <summary>Every URL requested, in order (robots.txt included): what the visit cost the site.</summary>
    public List<Uri> Requested { get; } = [];

    /// <summary>GETs <paramref name="url"/>.</summary>
    public Task<SiteResponse> GetAsync(Uri url, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, url, null, null, cancellationToken);

    /// <summary>Sends a request as a browser would, with <paramref name="referrer"/> as the Referer (forms check it).</summary>
    public async Task<SiteResponse> SendAsync(HttpMethod method, Uri url, HttpContent? content, Uri? referrer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var current = url;
        var currentMethod = method;
        var currentContent = content;
        for (var hop = 0; ; hop++)
        {
            if (!await IsAllowedAsync(current, cancellationToken))
            {
                return new SiteResponse(url, current, 0, null, string.Empty, DisallowedByRobots: true, Error: null);
            }

            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(currentMethod, current, currentContent, referrer, cancellationToken);
            }
            catch (Exception exception)
                when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException
                      && !cancellationToken.IsCancellationRequested)
            {
                return new SiteResponse(url, current, 0, null, string.Empty, false, exception.Message);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && hop < MaxRedirects)
                {
                    referrer = current;
                    current = new Uri(current, location);
                    if (status == 303 || (status is 301 or 302 && currentMethod == HttpMethod.Post))
                    {
                        currentMethod = HttpMethod.Get;
                        currentContent = null;
                    }

                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (body.Length > MaxBodyCharacters)
                {
                    body = body[..MaxBodyCharacters];
                }

                return new SiteResponse(url, current, status, response.Content.Headers.ContentType?.MediaType, body, false, null);
            }
        }
    }

    /// <summary>Whether robots.txt lets Avenir fetch <paramref name="url"/> (fetching the file the first time for its origin).</summary>
    public async Task<bool> IsAllowedAsync(Uri url, CancellationToken cancellationToken) =>
        (await RobotsAsync(url, cancellationToken)).IsAllowed(_options.UserAgentToken, url.PathAndQuery);

    /// <summary>The robots.txt of <paramref name="url"/>'s origin: 2xx parsed; 4xx allows all; 5xx or no answer disallows all (RFC 9309 §2.3.1).</summary>
    public async Task<RobotsTxt> RobotsAsync(Uri url, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        if (_robots.TryGetValue(origin, out var cached))
        {
            return cached;
        }

        var robotsUrl = new Uri(new Uri(origin), "/robots.txt");
        RobotsTxt robots;
        try
        {
            robots = RobotsTxt.DisallowAll;
            for (var hop = 0; hop <= MaxRedirects; hop++)
            {
                using var response = await SendOnceAsync(HttpMethod.Get, robotsUrl, null, null, cancellationToken);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    robotsUrl = new Uri(robotsUrl, location);
                    continue;
                }

                robots = status switch
                {
                    >= 200 and < 300 => RobotsTxt.Parse(await response.Content.ReadAsStringAsync(cancellationToken)),
                    >= 400 and < 500 => RobotsTxt.AllowAll,
                    _ => RobotsTxt.DisallowAll,
                };
                break;
            }
        }
        catch (Exception exception)
            when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException
                  && !cancellationToken.IsCancellationRequested)
        {
            robots = RobotsTxt.DisallowAll;
        }

        _robots[origin] = robots;
        return robots;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri url, HttpContent? content, Uri? referrer, CancellationToken cancellationToken)
    {
        var delay = _robots.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var robots) ? robots.CrawlDelay(_options.UserAgentToken) : null;
        var interval = delay is { } crawlDelay && crawlDelay > _options.PerHostInterval ? crawlDelay : _options.PerHostInterval;
        await using var turn = await _pacer.WaitTurnAsync(url.Authority, interval, cancellationToken);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        request.Headers.TryAddWithoutValidation("Accept-Language", "fr-CA,fr;q=0.9,en-CA;q=0.8,en;q=0.7");
        if (referrer is not null)
        {
            request.Headers.Referrer = referrer;
        }

        var cookieHeader = _cookies.GetCookieHeader(url);
        if (cookieHeader.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }

        Requested.Add(url);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        request.Content = null; // the caller's content outlives this request (a 307/308 sends it again)
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                try
                {
                    _cookies.SetCookies(url, setCookie);
                }
                catch (CookieException)
                {
                    // A malformed cookie is dropped, as browsers do.
                }
            }
        }

        return response;
    }
}

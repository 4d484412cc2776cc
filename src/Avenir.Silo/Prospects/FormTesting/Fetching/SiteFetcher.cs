namespace Avenir.Silo.Prospects.FormTesting.Fetching;

/// <summary>
/// The typed HttpClient that visits prospects' websites. Its handler follows no redirects and keeps no cookies:
/// each <see cref="BrowsingSession"/> does both itself, so robots.txt is checked at every hop and one test's cookies
/// never leak into another's.
/// </summary>
public sealed class SiteFetcher(HttpClient http, IOptions<FormTestOptions> options, HostPacer pacer)
{
    /// <summary>The configured options.</summary>
    public FormTestOptions Options { get; } = options.Value;

    /// <summary>A fresh session (own cookies, own robots.txt cache) for one form test.</summary>
    public BrowsingSession StartSession() => new(http, Options, pacer);
}

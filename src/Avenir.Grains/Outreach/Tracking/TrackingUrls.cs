namespace Avenir.Grains.Outreach.Tracking;

/// <summary>
/// The public URLs of tracking, one shape for the silo that writes them into emails and the API that serves them:
/// <c>GET {base}/t/o/{token}</c> (open pixel), <c>GET {base}/t/c/{token}</c> (click redirect),
/// <c>GET|POST {base}/u/{token}</c> (unsubscribe page; POST with <c>List-Unsubscribe=One-Click</c> unsubscribes at once).
/// </summary>
public sealed class TrackingUrls
{
    public const string OpenPath = "/t/o/";
    public const string ClickPath = "/t/c/";
    public const string UnsubscribePath = "/u/";

    private readonly string root;
    private readonly TrackingTokens tokens;

    /// <param name="publicBaseUrl">The API's public https origin (<c>Outreach:Tracking:BaseUrl</c>), e.g. <c>https://go.avenir.example</c>.</param>
    public TrackingUrls(Uri publicBaseUrl, TrackingTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        if (!publicBaseUrl.IsAbsoluteUri || (publicBaseUrl.Scheme != Uri.UriSchemeHttps && publicBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The tracking base URL must be an absolute http(s) URL.", nameof(publicBaseUrl));
        }

        root = publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        this.tokens = tokens;
    }

    public string Root => root;

    public string OpenPixel(Guid emailId) => root + OpenPath + tokens.CreateOpen(emailId);

    public string Click(Guid emailId, int linkIndex) => root + ClickPath + tokens.CreateClick(emailId, linkIndex);

    public string Unsubscribe(Guid emailId, Guid prospectId) => root + UnsubscribePath + tokens.CreateUnsubscribe(emailId, prospectId);

    /// <summary>Whether <paramref name="url"/> is one of ours (never wrapped again in a click redirect).</summary>
    public bool IsTrackingUrl(string url) => url.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase);
}

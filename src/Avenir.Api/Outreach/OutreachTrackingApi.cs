using Avenir.Api.Hosting;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Outreach;

/// <summary>
/// The public tracking endpoints the outreach emails link to (paths as <c>TrackingUrls</c> writes them): the open
/// pixel, the click redirect and the unsubscribe page / RFC 8058 one-click POST. Anonymous by design — the HMAC-signed
/// token is the only credential, verified in the cluster (<see cref="IOutreachTrackingGrain"/>) — and limited per IP
/// (<see cref="PublicRateLimiting"/>). No CSRF check: nothing here acts on a session, the token alone says who.
/// </summary>
public static class OutreachTrackingApi
{
    public const string OpenPrefix = "/t/o";
    public const string ClickPrefix = "/t/c";
    public const string UnsubscribePrefix = "/u";

    /// <summary>Longer than any token the silo makes (68 characters at most); a longer one is refused without a grain call.</summary>
    public const int MaxTokenLength = 128;

    /// <summary>The one-click body is a single short field: anything larger is not a mail client.</summary>
    public const int MaxUnsubscribeBodyBytes = 1024;

    public static IEndpointRouteBuilder MapOutreachTrackingApi(this IEndpointRouteBuilder app)
    {
        var tracking = app.MapGroup("").WithTags("Outreach tracking").AllowAnonymous().ExcludeFromDescription();
        tracking.MapGet(OpenPrefix + "/{token}", OpenAsync).WithName("TrackOpen");
        tracking.MapGet(ClickPrefix + "/{token}", ClickAsync).WithName("TrackClick");
        tracking.MapGet(UnsubscribePrefix + "/{token}", UnsubscribePageAsync).WithName("UnsubscribePage");
        tracking.MapPost(UnsubscribePrefix + "/{token}", UnsubscribeAsync).WithName("Unsubscribe")
            .WithMetadata(new RequestBodyLimit(MaxUnsubscribeBodyBytes));
        return app;
    }

    /// <summary>Whether a request path is one of these endpoints (for the per-IP limiter).</summary>
    public static bool IsTrackingPath(PathString path) =>
        path.StartsWithSegments(OpenPrefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ClickPrefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(UnsubscribePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Records an open when the token is valid, and answers the pixel whatever the token: an open is a weak signal
    /// (image proxies fetch every pixel), so a bad token costs nothing worth an error image in someone's mail.
    /// </summary>
    public static async Task<FileContentHttpResult> OpenAsync(string token, HttpContext http, IGrainFactory grains)
    {
        if (Plausible(token))
        {
            await Tracking(grains).OpenAsync(token, UserAgent(http));
        }

        http.Response.Headers.CacheControl = "no-store, private";
        return TypedResults.File(TrackingPixel.Gif.ToArray(), TrackingPixel.ContentType);
    }

    /// <summary>302 to the URL recorded for that link of that email, else 404: the request never supplies the target.</summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ClickAsync(string token, HttpContext http, IGrainFactory grains)
    {
        if (!Plausible(token) || await Tracking(grains).ClickAsync(token, UserAgent(http)) is not { } url)
        {
            return TrackingProblems.NotFound();
        }

        http.Response.Headers.CacheControl = "no-store, private";
        return TypedResults.Redirect(url);
    }

    /// <summary>The confirmation page. It changes nothing: link scanners fetch every GET in an email.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> UnsubscribePageAsync(string token, HttpContext http, IGrainFactory grains)
    {
        if (!Plausible(token) || await Tracking(grains).InspectUnsubscribeAsync(token) is not { } info)
        {
            return TrackingProblems.NotFound();
        }

        return UnsubscribePage.Confirm(http, info.Language, info.AlreadyUnsubscribed);
    }

    /// <summary>
    /// RFC 8058 one-click unsubscribe (and the page's button): immediate, permanent, idempotent — a second POST answers
    /// 200 again and changes nothing. 200 only after the campaign grain committed the suppression and the cancellations.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> UnsubscribeAsync(string token, HttpContext http, IGrainFactory grains)
    {
        if (!Plausible(token))
        {
            return TrackingProblems.NotFound();
        }

        if (!http.Request.HasFormContentType)
        {
            return TrackingProblems.UnsupportedMediaType();
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return TrackingProblems.OneClickBodyRequired(); // a multipart body that does not parse
        }

        if (!string.Equals(form["List-Unsubscribe"].ToString(), "One-Click", StringComparison.Ordinal))
        {
            return TrackingProblems.OneClickBodyRequired();
        }

        var source = form[UnsubscribePage.SourceField].ToString() == UnsubscribePage.PageSource ? "page" : "one_click";
        if (!await Tracking(grains).UnsubscribeAsync(token, source))
        {
            return TrackingProblems.NotFound();
        }

        return UnsubscribePage.Unsubscribed(http, http.Request.Headers.AcceptLanguage.ToString().StartsWith("fr", StringComparison.OrdinalIgnoreCase)
            ? "fr" : "en");
    }

    private static IOutreachTrackingGrain Tracking(IGrainFactory grains) => grains.GetGrain<IOutreachTrackingGrain>(0);

    /// <summary>Base64url of a sane length: anything else cannot be a token, and needs no trip to the cluster.</summary>
    private static bool Plausible(string token) =>
        token.Length is > 0 and <= MaxTokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string? UserAgent(HttpContext http) => http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;
}

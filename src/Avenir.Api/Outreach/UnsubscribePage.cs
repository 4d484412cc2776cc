using System.Security.Cryptography;

namespace Avenir.Api.Outreach;

/// <summary>
/// The bilingual (EN/FR) pages of <c>/u/{token}</c>: the confirmation page a GET shows (one button, a form that POSTs
/// back to the same URL) and the page that says it is done. No script at all — a scanner that runs scripts must not
/// unsubscribe anyone — and nothing taken from the request is written into the page (the form's empty action is the
/// page's own URL), so there is nothing to inject. The one style block carries a per-answer nonce under a strict CSP.
/// </summary>
public static class UnsubscribePage
{
    /// <summary>The form field the page sends beside <c>List-Unsubscribe=One-Click</c>, so the event says it came from the page.</summary>
    public const string SourceField = "source";

    public const string PageSource = "page";

    /// <summary>The page asking to confirm; <paramref name="language"/> (en|fr) comes first.</summary>
    public static ContentHttpResult Confirm(HttpContext http, string language, bool alreadyUnsubscribed) =>
        Answer(http, language, alreadyUnsubscribed ? Done(language) : Ask(language));

    /// <summary>The page after the POST.</summary>
    public static ContentHttpResult Unsubscribed(HttpContext http, string language) => Answer(http, language, Done(language));

    private static string Ask(string language) => $"""
        {Both(language,
            "<h1 lang=\"en\">Unsubscribe</h1><p lang=\"en\">Press the button to stop receiving our emails. We will not write to you again.</p>",
            "<h1 lang=\"fr\">Désabonnement</h1><p lang=\"fr\">Appuyez sur le bouton pour ne plus recevoir nos courriels. Nous ne vous écrirons plus.</p>")}
        <form method="post" action="">
          <input type="hidden" name="List-Unsubscribe" value="One-Click">
          <input type="hidden" name="{SourceField}" value="{PageSource}">
          <button type="submit">{(language == "fr" ? "Me désabonner / Unsubscribe" : "Unsubscribe / Me désabonner")}</button>
        </form>
        """;

    private static string Done(string language) => Both(language,
        "<h1 lang=\"en\">You are unsubscribed</h1><p lang=\"en\">You will not receive any more emails from us.</p>",
        "<h1 lang=\"fr\">Vous êtes désabonné</h1><p lang=\"fr\">Vous ne recevrez plus de courriels de notre part.</p>");

    private static string Both(string language, string english, string french) =>
        language == "fr" ? french + "\n<hr>\n" + english : english + "\n<hr>\n" + french;

    private static ContentHttpResult Answer(HttpContext http, string language, string body)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        var lang = language == "fr" ? "fr-CA" : "en-CA";
        return TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Unsubscribe / Désabonnement</title>
            <style nonce="{{nonce}}">
              body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
              button { font: inherit; padding: .6rem 1.2rem; cursor: pointer; }
              hr { margin: 2rem 0; border: 0; border-top: 1px solid #ccc; }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}

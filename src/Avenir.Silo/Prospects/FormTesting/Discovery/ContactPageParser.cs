using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>What one page tells the form test: its best contact form, CAPTCHA and JavaScript-form markers, its language and its contact links.</summary>
/// <param name="Form">The best contact form (an e-mail field plus a message or name field), or null.</param>
/// <param name="Captcha">The CAPTCHA marker found (<c>recaptcha</c>, <c>hcaptcha</c>, <c>turnstile</c>), or null.</param>
/// <param name="JavaScriptForm">Why the page's form seems to exist only in JavaScript, or null.</param>
/// <param name="Language">The page language (<c>en</c>/<c>fr</c>).</param>
/// <param name="ContactLinks">Same-site links that look like contact pages, best first.</param>
public sealed record ParsedPage(ContactForm? Form, string? Captcha, string? JavaScriptForm, string Language, IReadOnlyList<Uri> ContactLinks);

/// <summary>
/// Reads a page with AngleSharp (an HTML5 parser, so broken markup parses as a browser would): finds forms and maps
/// their fields (<see cref="FieldRoles"/>), resolves the action against the page (and its <c>&lt;base href&gt;</c>),
/// spots CAPTCHAs and JavaScript-only forms, and lists contact links (contact, contact-us, nous-joindre,
/// contactez-nous, soumission…).
/// </summary>
public static class ContactPageParser
{
    private static readonly string[] ContactWords =
    [
        "contact", "contact-us", "contactus", "contactez-nous", "contactez", "nous-joindre", "joindre", "nous-contacter",
        "ecrivez-nous", "soumission", "get-in-touch", "reach-us", "demande-de-soumission", "rendez-vous", "quote",
    ];

    private static readonly (string Marker, string Name)[] CaptchaMarkers =
    [
        ("g-recaptcha", "recaptcha"), ("grecaptcha", "recaptcha"), ("google.com/recaptcha", "recaptcha"), ("recaptcha/api.js", "recaptcha"),
        ("h-captcha", "hcaptcha"), ("hcaptcha.com", "hcaptcha"),
        ("cf-turnstile", "turnstile"), ("challenges.cloudflare.com/turnstile", "turnstile"),
    ];

    private static readonly string[] FormEmbedMarkers =
    [
        "hbspt.forms.create", "js.hsforms.net", "embed.typeform.com", "form.jotform.com", "wufoo.com", "formstack.com", "forms.office.com", "tally.so/widgets",
    ];

    /// <summary>Parses <paramref name="html"/> served at <paramref name="url"/>.</summary>
    public static ParsedPage Parse(string html, Uri url)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(url);
        var document = new HtmlParser().ParseDocument(html);
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(url, href, out var based) ? based : url;
        var language = PageLanguage.Of(document);
        var forms = document.Forms.Select(form => ReadForm(form, url, baseUrl, language)).Where(form => form is not null).Select(form => form!).ToList();
        var best = forms.Where(IsContactForm).OrderByDescending(Score).FirstOrDefault();
        var captcha = FindCaptcha(html, document);
        var javaScriptForm = best is null ? FindJavaScriptForm(html, document) : null;
        return new ParsedPage(best, captcha, javaScriptForm, language, ContactLinks(document, baseUrl, url));
    }

    /// <summary>Whether a path (or link text) looks like a contact page.</summary>
    public static bool LooksLikeContact(string text)
    {
        var flat = FieldTokens.Flat(text).Replace(' ', '-');
        return ContactWords.Any(word => flat.Contains(word, StringComparison.Ordinal));
    }

    private static ContactForm? ReadForm(IHtmlFormElement form, Uri pageUrl, Uri baseUrl, string language)
    {
        var action = form.GetAttribute("action");
        if (action is not null && action.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var actionUrl = string.IsNullOrWhiteSpace(action) ? pageUrl : Uri.TryCreate(baseUrl, action.Trim(), out var resolved) ? resolved : null;
        if (actionUrl is null || actionUrl.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var method = string.Equals(form.GetAttribute("method")?.Trim(), "post", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET";
        var enctype = method == "POST" && string.Equals(form.GetAttribute("enctype")?.Trim(), ContactForm.Multipart, StringComparison.OrdinalIgnoreCase)
            ? ContactForm.Multipart
            : ContactForm.UrlEncoded;
        var fields = new List<FormField>();
        foreach (var element in form.Elements)
        {
            if (ReadField(element) is { } field)
            {
                fields.Add(field);
            }
        }

        return new ContactForm(pageUrl, actionUrl, method, enctype, fields, language);
    }

    private static FormField? ReadField(IElement element)
    {
        var name = element.GetAttribute("name");
        if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
        {
            return null;
        }

        var tag = element.LocalName;
        var type = tag switch
        {
            "textarea" => "textarea",
            "select" => "select",
            "button" => (element.GetAttribute("type") ?? "submit").Trim().ToLowerInvariant(),
            _ => (element.GetAttribute("type") ?? "text").Trim().ToLowerInvariant(),
        };
        if (type is "reset" or "file")
        {
            return null;
        }

        var label = LabelOf(element);
        var words = FieldTokens.Of(
            name,
            element.GetAttribute("id"),
            label,
            element.GetAttribute("placeholder"),
            element.GetAttribute("aria-label"),
            element.GetAttribute("autocomplete"));
        var role = FieldRoles.For(type, words, HiddenByStyle(element) && type != "hidden");
        var value = element switch
        {
            IHtmlTextAreaElement textArea => textArea.Value,
            IHtmlSelectElement select => select.Options.FirstOrDefault(o => o.IsSelected && !string.IsNullOrEmpty(o.Value))?.Value
                                         ?? select.Options.FirstOrDefault(o => !string.IsNullOrEmpty(o.Value))?.Value,
            IHtmlInputElement { Type: "checkbox" or "radio" } input => input.GetAttribute("value") ?? "on",
            _ => element.GetAttribute("value"),
        };
        var required = element.HasAttribute("required") || string.Equals(element.GetAttribute("aria-required"), "true", StringComparison.OrdinalIgnoreCase);
        var isChecked = element is IHtmlInputElement { Type: "checkbox" or "radio" } box && box.IsDefaultChecked;
        return new FormField(name, role, type, value, required, label, isChecked);
    }

    private static string? LabelOf(IElement element)
    {
        var id = element.GetAttribute("id");
        if (!string.IsNullOrEmpty(id) && element.Owner?.QuerySelectorAll("label[for]").FirstOrDefault(l => l.GetAttribute("for") == id) is { } forLabel)
        {
            return forLabel.TextContent.Trim();
        }

        return element.Closest("label")?.TextContent.Trim();
    }

    private static bool HiddenByStyle(IElement element)
    {
        for (var node = element; node is not null && node.LocalName != "form"; node = node.ParentElement)
        {
            var style = (node.GetAttribute("style") ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            if (style.Contains("display:none", StringComparison.Ordinal) || style.Contains("visibility:hidden", StringComparison.Ordinal)
                || style.Contains("left:-9999", StringComparison.Ordinal) || style.Contains("left:-5000", StringComparison.Ordinal)
                || node.HasAttribute("hidden")
                || string.Equals(node.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase) && node.LocalName == "input")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsContactForm(ContactForm form)
    {
        var roles = form.Fields.Select(f => f.Role).ToHashSet();
        var hasPassword = form.Fields.Any(f => f.Type == "password");
        return !hasPassword
            && roles.Contains(FormFieldRole.Email)
            && (roles.Contains(FormFieldRole.Message) || roles.Contains(FormFieldRole.Name) || roles.Contains(FormFieldRole.FirstName));
    }

    private static int Score(ContactForm form) =>
        (form.Field(FormFieldRole.Message) is not null ? 4 : 0)
        + (form.Method == "POST" ? 2 : 0)
        + form.Fields.Count(f => f.Role is FormFieldRole.Name or FormFieldRole.FirstName or FormFieldRole.Phone);

    private static string? FindCaptcha(string html, IDocument document)
    {
        foreach (var (marker, name) in CaptchaMarkers)
        {
            if (html.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return document.QuerySelector("[data-sitekey]") is not null ? "captcha" : null;
    }

    private static string? FindJavaScriptForm(string html, IDocument document)
    {
        if (FormEmbedMarkers.FirstOrDefault(marker => html.Contains(marker, StringComparison.OrdinalIgnoreCase)) is { } embed)
        {
            return $"form embedded by script ({embed})";
        }

        if (document.Forms.Any(f => (f.GetAttribute("action") ?? string.Empty).TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)))
        {
            return "the form's action is javascript:";
        }

        var looseFields = document.QuerySelectorAll("input[type=email], textarea").Where(e => e.Closest("form") is null).ToList();
        if (looseFields.Count > 0)
        {
            return "contact fields outside any <form> (sent by script)";
        }

        var emptyAppShell = document.Forms.Length == 0 && document.QuerySelector("#root, #app, #__next, [data-reactroot]") is not null
                            && document.QuerySelectorAll("script[src]").Length > 0;
        return emptyAppShell ? "a single-page application renders the page in the browser" : null;
    }

    private static List<Uri> ContactLinks(IDocument document, Uri baseUrl, Uri pageUrl)
    {
        var links = new List<(Uri Url, int Score)>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (href.StartsWith('#')
                || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)
                || !Uri.TryCreate(baseUrl, href, out var target) || target.Scheme is not ("http" or "https") || !SameSite(target, pageUrl))
            {
                continue;
            }

            var pathMatch = LooksLikeContact(target.AbsolutePath);
            var textMatch = LooksLikeContact(anchor.TextContent);
            if (!pathMatch && !textMatch)
            {
                continue;
            }

            var withoutFragment = new UriBuilder(target) { Fragment = string.Empty }.Uri;
            links.Add((withoutFragment, (pathMatch ? 2 : 0) + (textMatch ? 1 : 0)));
        }

        return links.OrderByDescending(l => l.Score).Select(l => l.Url).Distinct().ToList();
    }

    /// <summary>Same host, ignoring <c>www.</c> (and the port only when both name one).</summary>
    internal static bool SameSite(Uri a, Uri b) =>
        string.Equals(StripWww(a.Host), StripWww(b.Host), StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string StripWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}

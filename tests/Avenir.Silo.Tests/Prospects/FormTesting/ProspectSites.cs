using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

/// <summary>One request a test site received, at the fake time it arrived.</summary>
public sealed record SiteHit(string Site, DateTimeOffset At, string Method, string Path, string? UserAgent);

/// <summary>
/// Prospects' websites, served for real by Kestrel on 127.0.0.1, one port per site (robots.txt and politeness are per
/// host and port): a French clinic whose form answers with a robotic autoresponder within a minute; an English plumber
/// whose owner answers personally three hours later (on the test's clock); a site without a form; one behind reCAPTCHA;
/// one whose robots.txt forbids Avenir; one whose form accepts and never answers.
/// </summary>
public sealed class ProspectSites : IAsyncDisposable
{
    public const string Robotic = "robotic";
    public const string Personal = "personal";
    public const string NoForm = "noform";
    public const string Captcha = "captcha";
    public const string Forbidden = "forbidden";
    public const string Silent = "silent";

    private readonly WebApplication app;
    private readonly Dictionary<int, string> sitesByPort = [];
    private readonly TimeProvider time;
    private readonly Smtp4devServer mail;
    private readonly ConcurrentQueue<SiteHit> hits = new();
    private readonly TaskCompletionSource<MimeMessage> personalReplySent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProspectSites(TimeProvider time, Smtp4devServer mail)
    {
        this.time = time;
        this.mail = mail;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        foreach (var site in (string[])[Robotic, Personal, NoForm, Captcha, Forbidden, Silent])
        {
            var port = FreePort();
            sitesByPort[port] = site;
            Urls[site] = new Uri($"http://127.0.0.1:{port}/");
        }

        builder.WebHost.UseUrls([.. sitesByPort.Keys.Select(port => $"http://127.0.0.1:{port}")]);
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public Dictionary<string, Uri> Urls { get; } = [];

    public IReadOnlyList<SiteHit> Hits => [.. hits];

    /// <summary>Completes when the personal site has sent its (delayed) answer.</summary>
    public Task<MimeMessage> PersonalReplySent => personalReplySent.Task;

    public static async Task<ProspectSites> StartAsync(TimeProvider time, Smtp4devServer mail)
    {
        var sites = new ProspectSites(time, mail);
        await sites.app.StartAsync();
        return sites;
    }

    public IReadOnlyList<SiteHit> HitsOf(string site) => Hits.Where(h => h.Site == site).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var site = sitesByPort[context.Connection.LocalPort];
        var request = context.Request;
        hits.Enqueue(new SiteHit(site, time.GetUtcNow(), request.Method, request.Path + request.QueryString, request.Headers.UserAgent.ToString()));
        var route = (site, request.Method, request.Path.Value ?? "/");
        switch (route)
        {
            case (Forbidden, "GET", "/robots.txt"):
                await Text(context, "User-agent: *\nAllow: /\n\nUser-agent: AvenirFormTester\nDisallow: /\n", "text/plain");
                return;
            case (_, "GET", "/robots.txt") when site != Personal:
                await Text(context, "User-agent: *\nDisallow: /admin\n", "text/plain");
                return;
            case (Robotic, "GET", "/"):
                await Html(context, "fr",
                    "<h1>Clinique dentaire des Tests</h1><nav><a href=\"/services\">Services</a> <a href=\"/nous-joindre\">Nous joindre</a></nav>");
                return;
            case (Robotic, "GET", "/nous-joindre"):
                context.Response.Cookies.Append("session", "s-123");
                await Html(context, "fr", """
                    <h1>Nous joindre</h1>
                    <form method="post" action="envoyer">
                      <input type="hidden" name="_csrf" value="tok-789">
                      <label for="nom">Nom complet</label><input id="nom" name="nom" required>
                      <label for="c">Courriel</label><input id="c" name="courriel" type="email" required>
                      <label for="t">Téléphone</label><input id="t" name="telephone">
                      <label for="m">Votre message</label><textarea id="m" name="message" required></textarea>
                      <input name="_gotcha" style="display:none" tabindex="-1">
                      <button type="submit">Envoyer</button>
                    </form>
                    """);
                return;
            case (Robotic, "POST", "/envoyer"):
                await RoboticSubmitAsync(context);
                return;
            case (Robotic or Personal or Silent, "GET", "/merci"):
                await Html(context, "fr", "<p>Merci!</p>");
                return;
            case (Personal, "GET", "/"):
                await Html(context, "en", "<h1>Northpeak Plumbing</h1><a href=\"/about\">About</a> <a href=\"/contact-us\">Contact us</a>");
                return;
            case (Personal, "GET", "/contact-us"):
                await Html(context, "en", """
                    <form method="POST" enctype="multipart/form-data" action="/api/contact">
                      <input type="hidden" name="form_id" value="contact-7">
                      <input name="first_name" placeholder="First name" required><input name="last_name" placeholder="Last name">
                      <input name="email" type="email" required><input name="phone" type="tel">
                      <textarea name="message" placeholder="How can we help?"></textarea>
                      <label><input type="checkbox" name="consent" value="yes" required> I agree to be contacted</label>
                      <input type="submit" value="Send">
                    </form>
                    """);
                return;
            case (Personal, "POST", "/api/contact"):
                await PersonalSubmitAsync(context);
                return;
            case (NoForm, "GET", "/"):
                await Html(context, "fr", "<h1>Garage des Tests</h1><a href=\"/contact\">Contact</a>");
                return;
            case (NoForm, "GET", "/contact"):
                await Html(context, "fr", "<p>Appelez-nous au 418 555-0100 ou passez au 12, rue Principale.</p>");
                return;
            case (Captcha, "GET", "/"):
                await Html(context, "en", """
                    <script src="https://www.google.com/recaptcha/api.js" async defer></script>
                    <form method="post" action="/send"><input name="name"><input type="email" name="email"><textarea name="message"></textarea>
                    <div class="g-recaptcha" data-sitekey="6Lc_test"></div><button>Send</button></form>
                    """);
                return;
            case (Silent, "GET", "/"):
                await Html(context, "en",
                    "<form method=\"post\" action=\"/send\"><input name=\"your-name\"><input type=\"email\" name=\"your-email\">" +
                    "<textarea name=\"your-message\"></textarea><button>Send</button></form>");
                return;
            case (Silent, "POST", "/send"):
                context.Response.Redirect("/merci", permanent: false);
                return;
            default:
                context.Response.StatusCode = 404;
                await Html(context, "en", "<p>Not found</p>");
                return;
        }
    }

    /// <summary>Checks what a browser would send (cookie, token, empty honeypot), then a robotic autoresponder 40 s later.</summary>
    private async Task RoboticSubmitAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (context.Request.Cookies["session"] != "s-123"
            || form["_csrf"] != "tok-789"
            || !string.IsNullOrEmpty(form["_gotcha"])
            || string.IsNullOrEmpty(form["message"]))
        {
            context.Response.StatusCode = 400;
            return;
        }

        var reply = new MimeMessage { Date = time.GetUtcNow().AddSeconds(40), Subject = "Nous avons bien reçu votre message" };
        reply.From.Add(new MailboxAddress("Clinique dentaire des Tests", "ne-pas-repondre@clinique.test"));
        reply.To.Add(new MailboxAddress(form["nom"].ToString(), form["courriel"].ToString()));
        reply.Headers.Add("Auto-Submitted", "auto-replied");
        reply.Body = new TextPart("plain")
        {
            Text = "Bonjour,\n\nNous avons bien reçu votre message. Un membre de notre équipe communiquera avec vous dans les 48 heures ouvrables.\n\n" +
                   "Ceci est un message automatique, merci de ne pas y répondre.",
        };
        await mail.SendAsync(reply);
        context.Response.Redirect("/merci", permanent: false);
    }

    /// <summary>Accepts the multipart form, and the owner answers three hours later on the test's clock.</summary>
    private async Task PersonalSubmitAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["consent"] != "yes" || form["form_id"] != "contact-7" || string.IsNullOrEmpty(form["email"]) || !context.Request.HasFormContentType
            || !context.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 422;
            return;
        }

        var firstName = form["first_name"].ToString();
        var address = form["email"].ToString();
        // Created now, so the test's clock can move past it as soon as the form has been answered.
        var later = Task.Delay(TimeSpan.FromHours(3), time);
        _ = AnswerLaterAsync(later, firstName, address);
        await Html(context, "en", "<p>Thanks! We'll be in touch.</p>");
    }

    private async Task AnswerLaterAsync(Task later, string firstName, string address)
    {
        try
        {
            await later;
            var reply = new MimeMessage { Date = time.GetUtcNow(), Subject = "Re: How soon do you call new customers back?" };
            reply.From.Add(new MailboxAddress("Dave Kowalski", "dave@northpeak.test"));
            reply.To.Add(MailboxAddress.Parse(address));
            reply.Body = new TextPart("plain")
            {
                Text = $"Hi {firstName},\n\nThanks for asking! We usually call a new customer back within two hours on weekdays, " +
                       "and the same evening on weekends.\n\n" +
                       "If you'd like to talk about it, book a 15-minute call here: https://calendly.com/northpeak/15min\n\nDave Kowalski\nNorthpeak Plumbing",
            };
            await mail.SendAsync(reply);
            personalReplySent.TrySetResult(reply);
        }
        catch (Exception exception)
        {
            personalReplySent.TrySetException(exception);
        }
    }

    private static Task Html(HttpContext context, string language, string body) =>
        Text(context,
            $"<!doctype html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>Test</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8");

    private static Task Text(HttpContext context, string text, string contentType)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

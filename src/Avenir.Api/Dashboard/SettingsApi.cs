using System.Net;
using Avenir.Api.Clients;
using Avenir.Api.Leads;

namespace Avenir.Api.Dashboard;

/// <summary>The client's settings, its API key rotation and the embeddable form snippet.</summary>
public static class SettingsApi
{
    /// <summary>How long the previous key keeps working after a rotation from the dashboard (websites switch without downtime).</summary>
    public static readonly TimeSpan RotationGracePeriod = TimeSpan.FromHours(24);

    public static readonly string[] Tones = ["Professional", "Friendly", "Formal", "Energetic"];

    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapDashboardGroup().WithTags("Dashboard settings");
        settings.MapGet("/settings", GetAsync).WithName("GetSettings").WithSummary("The client's settings.")
            .ProducesProblem(404);
        settings.MapPut("/settings", PutAsync).WithName("PutSettings")
            .WithSummary("Replaces the client's settings (en/fr; Professional, Friendly, Formal or Energetic; http(s) URLs; origins as scheme://host[:port]).")
            .ProducesProblem(400).ProducesProblem(404);
        settings.MapPost("/settings/rotate-key", RotateKeyAsync).WithName("RotateKey")
            .WithSummary("Issues a new API key (shown once); the previous key works for 24 hours more.")
            .ProducesProblem(404);
        settings.MapPost("/settings/revoke-key", RevokeKeyAsync).WithName("RevokeKey")
            .WithSummary("A leaked key: issues a new API key (shown once) and the previous one stops at once, on every API instance.")
            .ProducesProblem(404);
        settings.MapPost("/settings/rotate-form-key", RotateFormKeyAsync).WithName("RotateFormKey")
            .WithSummary("Issues a new form key; the old one stops at once. Answers the new snippet.")
            .ProducesProblem(404);
        settings.MapPost("/settings/auto-replies/resume", ResumeAutoRepliesAsync).WithName("ResumeAutoReplies")
            .WithSummary("Resumes auto-replies paused after the hourly limit was reached.")
            .ProducesProblem(404);
        settings.MapGet("/snippet", SnippetAsync).WithName("Snippet")
            .WithSummary("The embeddable lead form: an HTML form posting to /api/lead with the form key and a honeypot, and a small fetch script.")
            .ProducesProblem(404);
        return app;
    }

    public sealed record SettingsView(
        string Language, string EmailTone, bool AiPersonalizedReply, string? BookingLink, IReadOnlyList<string> AllowedOrigins, string? ThankYouUrl,
        string ApiKeyPrefix, DateTimeOffset? AutoReplyPausedAt, string? AutoReplyPauseReason);

    public sealed record SettingsRequest(
        string? Language, string? EmailTone, bool? AiPersonalizedReply, string? BookingLink, IReadOnlyList<string?>? AllowedOrigins,
        string? ThankYouUrl);

    public sealed record KeyRotation(string ApiKey, DateTimeOffset? PreviousKeyValidUntil);

    public sealed record Snippet(string Html, string Script, string FormKey, string Endpoint);

    public static async Task<Results<Ok<SettingsView>, ProblemHttpResult>> GetAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).GetProfileAsync() is { } profile
            ? TypedResults.Ok(View(profile))
            : DashboardProblems.NotFound("client");

    public static async Task<Results<Ok<SettingsView>, ProblemHttpResult>> PutAsync(SettingsRequest request, HttpContext http, IGrainFactory grains)
    {
        if (!TryValidate(request, out var settings, out var errors))
        {
            return DashboardProblems.Invalid(errors);
        }

        return await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).UpdateSettingsAsync(settings) is { } profile
            ? TypedResults.Ok(View(profile))
            : DashboardProblems.NotFound("client");
    }

    /// <summary>A new key; the previous one keeps working for <see cref="RotationGracePeriod"/> while integrations move over.</summary>
    public static Task<Results<Ok<KeyRotation>, ProblemHttpResult>> RotateKeyAsync(HttpContext http, IGrainFactory grains) =>
        ReplaceKeyAsync(grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId), RotationGracePeriod);

    /// <summary>
    /// A leaked key: a new one, and the previous one stops at once with no grace — on every API instance too, since each
    /// compares the cached key's version with the client's profile (<see cref="ClientKeyDirectory"/>).
    /// </summary>
    public static Task<Results<Ok<KeyRotation>, ProblemHttpResult>> RevokeKeyAsync(HttpContext http, IGrainFactory grains) =>
        ReplaceKeyAsync(grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId), TimeSpan.Zero);

    public static async Task<Results<Ok<Snippet>, ProblemHttpResult>> RotateFormKeyAsync(HttpContext http, IGrainFactory grains)
    {
        var client = grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId);
        if (await client.GetProfileAsync() is null)
        {
            return DashboardProblems.NotFound("client");
        }

        var profile = await client.RotateFormKeyAsync();
        return TypedResults.Ok(BuildSnippet(IntakeEndpoint(http), profile.FormKey, profile.Language));
    }

    public static async Task<Results<Ok<SettingsView>, ProblemHttpResult>> ResumeAutoRepliesAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).ResumeAutoRepliesAsync() is { } profile
            ? TypedResults.Ok(View(profile))
            : DashboardProblems.NotFound("client");

    /// <summary>Makes a new key (shown once), gives the client's grain its digest, and keeps the previous one for <paramref name="grace"/>.</summary>
    private static async Task<Results<Ok<KeyRotation>, ProblemHttpResult>> ReplaceKeyAsync(IClientGrain client, TimeSpan grace)
    {
        if (await client.GetProfileAsync() is null)
        {
            return DashboardProblems.NotFound("client");
        }

        var (apiKey, digest) = ClientKeys.New();
        var rotated = await client.RotateApiKeyAsync(digest, grace);
        return TypedResults.Ok(new KeyRotation(apiKey, rotated.PreviousKeyValidUntil));
    }

    public static async Task<Results<Ok<Snippet>, ProblemHttpResult>> SnippetAsync(HttpContext http, IGrainFactory grains)
    {
        if (await grains.GetGrain<IClientGrain>(DashboardCaller.Of(http).ClientId).GetProfileAsync() is not { } profile)
        {
            return DashboardProblems.NotFound("client");
        }

        return TypedResults.Ok(BuildSnippet(IntakeEndpoint(http), profile.FormKey, profile.Language));
    }

    /// <summary>Checks every field; the errors name the offending ones.</summary>
    public static bool TryValidate(SettingsRequest request, [NotNullWhen(true)] out ClientSettings? settings, out Dictionary<string, string[]> errors)
    {
        (settings, errors) = Validate(request);
        return settings is not null;
    }

    private static (ClientSettings? Settings, Dictionary<string, string[]> Errors) Validate(SettingsRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var language = request.Language?.Trim().ToLowerInvariant();
        if (language is not ("en" or "fr"))
        {
            errors["language"] = ["language must be en or fr."];
        }

        var tone = Tones.FirstOrDefault(t => string.Equals(t, request.EmailTone?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (tone is null)
        {
            errors["emailTone"] = [$"emailTone must be one of {string.Join(", ", Tones)}."];
        }

        if (request.AiPersonalizedReply is null)
        {
            errors["aiPersonalizedReply"] = ["aiPersonalizedReply must be true or false."];
        }

        var bookingLink = HttpUrl(request.BookingLink, "bookingLink", errors);
        var thankYouUrl = HttpUrl(request.ThankYouUrl, "thankYouUrl", errors);
        var origins = new List<string>();
        foreach (var origin in request.AllowedOrigins ?? [])
        {
            if (NormalizeOrigin(origin) is { } normalized)
            {
                if (!origins.Contains(normalized, StringComparer.Ordinal))
                {
                    origins.Add(normalized);
                }
            }
            else
            {
                errors["allowedOrigins"] = [$"'{origin}' is not an origin: use scheme://host[:port] with http or https, no path."];
            }
        }

        if (origins.Count > 20)
        {
            errors["allowedOrigins"] = ["At most 20 allowed origins."];
        }

        return errors.Count == 0 && language is not null && tone is not null && request.AiPersonalizedReply is { } aiReply
            ? (new ClientSettings
            {
                Language = language,
                EmailTone = tone,
                AiPersonalizedReply = aiReply,
                BookingLink = bookingLink,
                AllowedOrigins = origins,
                ThankYouUrl = thankYouUrl,
            }, errors)
            : (null, errors);
    }

    /// <summary><c>scheme://host[:port]</c>, lower-case, default port dropped (as browsers send Origin); null when not an http(s) origin.</summary>
    public static string? NormalizeOrigin(string? value)
    {
        var trimmed = value?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 200
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || trimmed.Count(c => c == '/') != 2)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static string? HttpUrl(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > 2000 || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            errors[name] = [$"{name} must be an absolute http(s) URL."];
            return null;
        }

        return trimmed;
    }

    /// <summary>Where the client's form posts: this API's own address as the caller reached it.</summary>
    private static string IntakeEndpoint(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{LeadIntakeApi.Path}";

    private static SettingsView View(ClientProfile profile) =>
        new(profile.Language, profile.EmailTone, profile.AiPersonalizedReply, profile.BookingLink, profile.AllowedOrigins, profile.ThankYouUrl,
            profile.ApiKeyPrefix, profile.AutoReplyPausedAt, profile.AutoReplyPauseReason);

    public static Snippet BuildSnippet(string endpoint, string formKey, string language)
    {
        var fr = language == "fr";
        string E(string text) => WebUtility.HtmlEncode(text);
        var html =
            $"""
            <form data-avenir-lead action="{E(endpoint)}" method="post">
              <input type="hidden" name="key" value="{E(formKey)}">
              <div style="position:absolute;left:-10000px" aria-hidden="true">
                <label>{(fr
                    ? "Laissez ce champ vide"
                    : "Leave this field empty")} <input type="text" name="{IntakeHoneypot.FieldName}" tabindex="-1" autocomplete="off"></label>
              </div>
              <label>{(fr ? "Nom" : "Name")} <input type="text" name="name" autocomplete="name" required></label>
              <label>{(fr ? "Courriel" : "Email")} <input type="email" name="email" autocomplete="email" required></label>
              <label>{(fr ? "Téléphone" : "Phone")} <input type="tel" name="phone" autocomplete="tel"></label>
              <label>{(fr ? "Entreprise" : "Company")} <input type="text" name="company" autocomplete="organization"></label>
              <label>{(fr ? "Message" : "Message")} <textarea name="message" required></textarea></label>
              <button type="submit">{(fr ? "Envoyer" : "Send")}</button>
              <p data-avenir-status role="status"></p>
            </form>
            """;
        var thanks = fr ? "Merci! Nous vous répondrons sous peu." : "Thank you! We will get back to you shortly.";
        var failed = fr ? "L'envoi a échoué. Veuillez réessayer." : "Sending failed. Please try again.";
        var script =
            $$"""
            <script>
            document.querySelectorAll('form[data-avenir-lead]').forEach(function (form) {
              form.addEventListener('submit', async function (event) {
                event.preventDefault();
                var status = form.querySelector('[data-avenir-status]');
                try {
                  var response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' } });
                  if (!response.ok) throw new Error(response.status);
                  form.reset();
                  status.textContent = {{System.Text.Json.JsonSerializer.Serialize(thanks)}};
                } catch (e) {
                  status.textContent = {{System.Text.Json.JsonSerializer.Serialize(failed)}};
                }
              });
            });
            </script>
            """;
        return new Snippet(html, script, formKey, endpoint);
    }
}

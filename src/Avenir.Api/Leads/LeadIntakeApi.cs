using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Avenir.Api.Clients;
using Avenir.Api.Hosting;
using Avenir.Contracts.Growth;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Leads;

/// <summary>
/// <c>POST /api/lead</c>: a client's website form posts a lead. A 2xx answer means the lead and its
/// follow-up jobs are committed to PostgreSQL; every refusal is an RFC 9457 problem with a <c>code</c>.
/// </summary>
public static class LeadIntakeApi
{
    public const string Path = "/api/lead";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapLeadIntakeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SubmitAsync)
            .WithName("SubmitLead")
            .WithTags("Lead intake")
            .WithDescription(
                "Body: a JSON object, application/x-www-form-urlencoded or multipart/form-data with fields name, email, message, phone, company, "
                + "language; other fields are kept as metadata. The secret key only in X-Api-Key; the form key in X-Api-Key, ?key= or a key "
                + "field. (Not declared with Accepts: that would make routing answer other media types with a bare 415 instead of our problem body.)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapMethods(Path, [HttpMethods.Options], PreflightAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Accepts a lead from a website form.</summary>
    public static async Task<Results<Created<LeadAccepted>, Ok<LeadAccepted>, SeeOther, ProblemHttpResult>> SubmitAsync(
        HttpContext http, ClientKeyDirectory keys, IntakeKeyLimiter keyLimits, IGrainFactory grains, IOptions<IntakeOptions> intakeOptions,
        ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = intakeOptions.Value;
        var request = http.Request;
        var cluster = new ClusterCallBudget(time); // every grain call of this request, retries included, ends within its budget

        // A key in the header or query string is checked before the body is read; a form key may also come as a field.
        var presented = PresentedKey(request, form: null);
        (ClientCredential Credential, ClientProfile Profile)? client = null;
        if (presented is not null && (client = await keys.FindWithProfileAsync(presented.Value.Key, cluster, cancellationToken)) is null)
        {
            return IntakeProblems.UnknownKey();
        }

        if (!(await LeadForm.ReadAsync(request, options.MaxBodyBytes, cancellationToken)).TryGet(out var form, out var problem))
        {
            return problem;
        }

        if (client is null)
        {
            presented = PresentedKey(request, form);
            if (presented is null)
            {
                return IntakeProblems.MissingKey();
            }

            if ((client = await keys.FindWithProfileAsync(presented.Value.Key, cluster, cancellationToken)) is null)
            {
                return IntakeProblems.UnknownKey();
            }
        }

        var (credential, profile) = client.Value;
        http.Items[typeof(ClientCredential)] = credential; // for the response metrics: the client, however the key came
        if (credential.Kind == CredentialKind.ApiKey && presented is not { InHeader: true })
        {
            loggers.CreateLogger(typeof(LeadIntakeApi)).LogWarning(
                "Client {ClientId}'s secret key {Key} was sent outside its header from {Ip}: refused", credential.ClientId, credential.MaskedKey,
                http.Connection.RemoteIpAddress);
            return IntakeProblems.SecretKeyOutsideHeader();
        }

        if (keyLimits.Refusal(credential) is { } retryAfter)
        {
            return IntakeProblems.TooManyRequests(http, retryAfter);
        }

        // A form key is public (it sits in the page's HTML): only the client's own websites may use it.
        var origin = IntakeOrigins.Of(request);
        var originAllowed = origin is not null && IntakeOrigins.IsAllowed(origin, profile.AllowedOrigins);
        if ((credential.Kind == CredentialKind.FormKey && !originAllowed) || (origin is not null && request.Headers.Origin.Count > 0 && !originAllowed))
        {
            return IntakeProblems.OriginNotAllowed(origin);
        }

        if (originAllowed && origin is not null && request.Headers.Origin.Count > 0)
        {
            AllowCors(http.Response, origin);
        }

        if (IntakeHoneypot.IsTripped(form))
        {
            loggers.CreateLogger(typeof(LeadIntakeApi))
                .LogInformation("Honeypot tripped for client {ClientId} from {Ip}", credential.ClientId, http.Connection.RemoteIpAddress);
            return Accepted(http, form, profile, new LeadAccepted(Guid.CreateVersion7(), "created", time.GetUtcNow()), created: true);
        }

        if (!LeadValidation.TryValidate(form, options, out var lead, out var errors))
        {
            return IntakeProblems.Invalid(errors);
        }

        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > 255 || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            return IntakeProblems.InvalidIdempotencyKey();
        }

        var intake = new LeadIntake
        {
            Lead = lead,
            IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null,
            RequestHash = RequestHash(form),
            DuplicateWindow = options.DuplicateWindow,
            IsTest = profile.IsTest,
            Request = new IntakeRequestLog
            {
                MaskedKey = credential.MaskedKey,
                AuthMethod = credential.AuthMethod,
                Endpoint = Path,
                Origin = origin,
                IpAddress = http.Connection.RemoteIpAddress?.ToString(),
                UserAgent = request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null,
            },
        };

        // The client's intake grain on the silo that takes the call commits concurrent leads together (decision 0007). A retry
        // after a lost answer is safe: the same Idempotency-Key replays the stored lead, and without a key the same content
        // within the duplicate window is merged into it (answered as a duplicate of it), never stored twice.
        var result = await cluster.RunAsync(
            () => grains.GetGrain<ILeadIntakeGrain>(credential.ClientId).SubmitAsync(intake),
            safeToRepeat: intake.IdempotencyKey is not null || options.DuplicateWindow > ClusterCallBudget.Budget,
            cancellationToken);
        switch (result.Outcome)
        {
            case LeadIntakeOutcome.Created:
                return Accepted(http, form, profile, new LeadAccepted(result.LeadId, "created", result.ReceivedAt), created: true);
            case LeadIntakeOutcome.Replayed:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Accepted(http, form, profile, new LeadAccepted(result.LeadId, "created", result.ReceivedAt), created: true);
            case LeadIntakeOutcome.Duplicate:
                return Accepted(http, form, profile, new LeadAccepted(result.LeadId, "duplicate", result.ReceivedAt), created: false);
            default:
                return IntakeProblems.IdempotencyKeyReused();
        }
    }

    /// <summary>CORS preflight: allowed when the form key in <c>?key=</c> (never the secret key) belongs to a client that allows the origin.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> PreflightAsync(
        HttpContext http, ClientKeyDirectory keys, CancellationToken cancellationToken)
    {
        var origin = IntakeOrigins.Of(http.Request);
        if (origin is null || PresentedKey(http.Request, form: null) is not { } key
            || await keys.FindWithProfileAsync(key.Key, cancellationToken) is not { Credential.Kind: CredentialKind.FormKey } found
            || !IntakeOrigins.IsAllowed(origin, found.Profile.AllowedOrigins))
        {
            return IntakeProblems.OriginNotAllowed(origin);
        }

        AllowCors(http.Response, origin);
        http.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
        http.Response.Headers.AccessControlAllowHeaders = $"Content-Type, {IdempotencyKeyHeader}";
        http.Response.Headers.AccessControlMaxAge = "600";
        return TypedResults.NoContent();
    }

    private static Results<Created<LeadAccepted>, Ok<LeadAccepted>, SeeOther, ProblemHttpResult> Accepted(
        HttpContext http, LeadForm form, ClientProfile profile, LeadAccepted accepted, bool created)
    {
        if (RedirectTarget(http.Request, form, profile) is { } target)
        {
            return new SeeOther(target);
        }

        return created ? TypedResults.Created($"/api/leads/{accepted.Id}", accepted) : TypedResults.Ok(accepted);
    }

    /// <summary>
    /// A plain HTML form post (not asking for JSON) is sent on to a thank-you page: the one its
    /// <c>_redirect</c> field names, if on one of the client's origins, else the client's configured page.
    /// </summary>
    private static string? RedirectTarget(HttpRequest request, LeadForm form, ClientProfile profile)
    {
        if (!form.FromHtmlForm || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var asked = form["_redirect"];
        return IntakeOrigins.IsAllowedRedirect(asked, profile.AllowedOrigins) ? asked : profile.ThankYouUrl;
    }

    private static void AllowCors(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Vary = "Origin";
        response.Headers.AccessControlExposeHeaders = "Location, Idempotent-Replayed, Retry-After";
    }

    /// <summary>The key a post presents, and whether it came in the header (the only place a secret key is accepted).</summary>
    private static (string Key, bool InHeader)? PresentedKey(HttpRequest request, LeadForm? form)
    {
        if (request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } header)
        {
            return (header.Trim(), true);
        }

        if (request.Query["key"].ToString() is { Length: > 0 } query)
        {
            return (query.Trim(), false);
        }

        return (form?["key"] ?? form?["form_key"]) is { Length: > 0 } field ? (field.Trim(), false) : null;
    }

    /// <summary>SHA-256 of the submitted fields in a canonical order, so "the same body" ignores encoding and field order.</summary>
    private static string RequestHash(LeadForm form)
    {
        var canonical = JsonSerializer.Serialize(form.Fields
            .Where(f => !LeadValidation.ControlFields.Contains(f.Key))
            .OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase)
            .Select(f => new[] { f.Key.ToLowerInvariant(), f.Value }));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

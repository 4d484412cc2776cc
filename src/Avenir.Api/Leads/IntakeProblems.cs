namespace Avenir.Api.Leads;

/// <summary>
/// The RFC 9457 problem answers of lead intake. Each carries a stable machine-readable <c>code</c>
/// beside the human <c>detail</c>, so a form script can show its own message.
/// </summary>
public static class IntakeProblems
{
    public static ProblemHttpResult MissingKey() => Problem(StatusCodes.Status401Unauthorized, "missing_key", "Missing client key",
        "Send the client's key in the X-Api-Key header, or the form key as ?key=… or a 'key' field.");

    public static ProblemHttpResult UnknownKey() => Problem(StatusCodes.Status401Unauthorized, "unknown_key", "Unknown or revoked key",
        "The key does not belong to any client, or it was revoked.");

    public static ProblemHttpResult OriginNotAllowed(string? origin) => Problem(StatusCodes.Status403Forbidden, "origin_not_allowed", "Origin not allowed",
        origin is null
            ? "A form key only works from the client's website: the request carried no Origin."
            : $"Origin '{origin}' is not among this client's allowed form origins.");

    public static ProblemHttpResult TooLarge(int limit) => Problem(StatusCodes.Status413PayloadTooLarge, "too_large", "Request too large",
        $"The request body is larger than {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type",
            $"Content-Type '{contentType ?? "(none)"}' is not accepted: send application/json, application/x-www-form-urlencoded or multipart/form-data.");

    public static ProblemHttpResult MalformedBody(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "malformed_body", "Malformed request body", detail);

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) => Validation("invalid_lead", "Invalid lead", errors);

    /// <summary>A 400 naming every field that is wrong (<c>errors</c>), with all messages in <c>detail</c> too.</summary>
    public static ProblemHttpResult Validation(string code, string title, IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = string.Join(" ", errors.Values.SelectMany(e => e)),
            Type = $"https://avenir.dev/problems/{code}",
            Extensions = { ["code"] = code },
        });

    /// <summary>
    /// A secret API key sent in the URL or the body: refused, because URLs end up in logs, proxies and browser history,
    /// and a key in a page's form is public. The form key is the one for those places.
    /// </summary>
    public static ProblemHttpResult SecretKeyOutsideHeader() => Problem(StatusCodes.Status400BadRequest, "secret_key_outside_header",
        "Secret key outside its header",
        "Send the secret API key only in the X-Api-Key header (a key in a URL or a form is exposed: revoke it in the dashboard). "
        + "Browser forms use the publishable form key.");

    /// <summary>429 with <c>Retry-After</c> (whole seconds, at least 1) on the response.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests", $"Too many requests; retry in {seconds} s.");
    }

    public static ProblemHttpResult IdempotencyKeyReused() =>
        Problem(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", "Idempotency key reused",
            "This Idempotency-Key was already used with a different request body.");

    public static ProblemHttpResult InvalidIdempotencyKey() => Problem(StatusCodes.Status400BadRequest, "invalid_idempotency_key", "Invalid Idempotency-Key",
        "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");

    public static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: $"https://avenir.dev/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

using Avenir.Api.Leads;

namespace Avenir.Api.Dashboard;

/// <summary>
/// The RFC 9457 problems of the dashboard, auth and admin APIs; each carries a stable <c>code</c> (as intake's do).
/// </summary>
public static class DashboardProblems
{
    public static ProblemHttpResult Unauthenticated() => IntakeProblems.Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "Not signed in",
        "Sign in with POST /api/auth/login; the session cookie is missing or expired.");

    public static ProblemHttpResult InvalidCredentials() =>
        IntakeProblems.Problem(StatusCodes.Status401Unauthorized, "invalid_credentials", "Invalid email or password",
            "The email or the password is wrong.");

    public static ProblemHttpResult Forbidden(string detail = "This needs the admin role.") =>
        IntakeProblems.Problem(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static ProblemHttpResult CsrfTokenInvalid() =>
        IntakeProblems.Problem(StatusCodes.Status403Forbidden, "csrf_token_invalid", "Missing or wrong CSRF token",
            "Send the X-CSRF-Token header with the csrfToken returned by POST /api/auth/login or GET /api/auth/me.");

    public static ProblemHttpResult NotFound(string what) =>
        IntakeProblems.Problem(StatusCodes.Status404NotFound, "not_found", "Not found", $"No such {what}.");

    public static ProblemHttpResult Conflict(string code, string detail) => IntakeProblems.Problem(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static ProblemHttpResult Invalid(string code, string parameter, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [parameter] = [detail] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = detail,
            Type = $"https://avenir.dev/problems/{code}",
            Extensions = { ["code"] = code, ["parameter"] = parameter },
        });

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        IntakeProblems.Validation("invalid_request", "Invalid request", errors);

    public static ProblemHttpResult Locked(TimeSpan retryAfter, HttpContext http)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return IntakeProblems.Problem(StatusCodes.Status429TooManyRequests, "account_locked", "Too many failed sign-ins",
            "Too many failed sign-ins: try again after the Retry-After delay.");
    }
}

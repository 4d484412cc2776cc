using Avenir.Contracts.Faults;
using Microsoft.AspNetCore.Diagnostics;

namespace Avenir.Api.Hosting;

/// <summary>
/// When a dependency does not answer — no silo (a restart, a crash being detected, a grain call past its timeout) or
/// no PostgreSQL (down, restarting, out of connections), seen here or inside a grain — the API answers 503 with
/// <c>Retry-After</c> and a problem body instead of a 500. The text does not claim nothing was stored: a connection
/// lost during a commit leaves that unknown. Retrying is safe: intake with the same Idempotency-Key (or the same lead
/// within the duplicate window) never makes a second lead, and dashboard actions are idempotent.
/// </summary>
public sealed class DependencyUnavailableHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait: about what the cluster needs to drop a dead silo or PostgreSQL to restart.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Unavailable(exception) is not { } dependency)
        {
            return false;
        }

        logger.LogWarning(exception, "{Dependency} did not answer {Method} {Path}", dependency, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = $"A service Avenir depends on ({dependency}) is not answering, so this request may not have taken effect. "
                    + $"Retry in {RetryAfterSeconds} seconds: a retried lead (same Idempotency-Key or same content) is never stored twice.",
                Type = "https://avenir.dev/problems/unavailable",
                Extensions = { ["code"] = "unavailable", ["dependency"] = dependency },
            },
        });
    }

    /// <summary>The dependency that did not answer, or null when the exception is a bug (a 500).</summary>
    public static string? Unavailable(Exception exception) => exception switch
    {
        DependencyUnavailableException unavailable => unavailable.Dependency,
        _ when ClusterCallBudget.IsClusterUnavailable(exception) => "the Orleans cluster",
        _ when DatabaseOutage.Is(exception) => DatabaseOutage.Dependency,
        _ => null,
    };
}

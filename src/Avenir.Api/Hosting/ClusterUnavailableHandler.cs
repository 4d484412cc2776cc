using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace Avenir.Api.Hosting;

/// <summary>
/// When no silo answers (a restart, a crash being detected), the API says "try again shortly" — 503 with
/// <c>Retry-After</c> and a problem body — instead of a bare 500. Nothing was acknowledged, so a form
/// script or integration can safely retry (with the same Idempotency-Key).
/// </summary>
public sealed class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException or TimeoutException))
        {
            return false;
        }

        logger.LogWarning(exception, "The Orleans cluster did not answer {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = "The service is restarting; nothing was stored. Retry in a few seconds.",
                Type = "https://avenir.dev/problems/unavailable",
                Extensions = { ["code"] = "unavailable" },
            },
        });
    }
}

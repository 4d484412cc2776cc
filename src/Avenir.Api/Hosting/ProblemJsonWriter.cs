using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Hosting;

/// <summary>
/// Problems are <c>application/problem+json</c> whatever the request's <c>Accept</c> says. ASP.NET's own writer declines
/// a request that accepts neither JSON nor problem JSON (a browser's <c>text/html</c>, <c>image/png</c>), and then the
/// status-code pages answer a bare <c>text/plain</c> "Status Code: 404" and the exception handler an empty 500.
/// Registered after that writer, this one only writes what it declined, the same way: status, title, trace id, and the
/// <c>code</c> the configured customisation adds.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}

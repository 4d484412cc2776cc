using System.Text.Json;
using Avenir.Api.Leads;
using Avenir.Api.Validation;
using Microsoft.AspNetCore.Diagnostics;

namespace Avenir.Api.Hosting;

/// <summary>
/// A request the framework could not read — a body that is not JSON or not of the expected shape, a string holding a
/// NUL or a lone surrogate, a Content-Type that is not JSON, a body over the size limit — is answered with the
/// <see cref="BadHttpRequestException"/>'s own status (400, 413, 415) as a problem with a <c>code</c>, never 500.
/// Minimal APIs throw it for every binding failure (<see cref="MalformedRequestExtensions"/> asks them to in every
/// environment), so one place words these answers. Field paths are echoed; the framework's messages, which name
/// internal types, are not.
/// </summary>
public sealed class UnreadableRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException unreadable || httpContext.Response.HasStarted)
        {
            return false;
        }

        await Problem(httpContext, unreadable).ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemHttpResult Problem(HttpContext http, BadHttpRequestException unreadable) => unreadable switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => IntakeProblems.Problem(StatusCodes.Status413PayloadTooLarge, "too_large", "Request too large",
            "The request body is larger than this endpoint accepts."),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => IntakeProblems.Problem(StatusCodes.Status415UnsupportedMediaType,
            "unsupported_media_type", "Unsupported media type",
            $"Content-Type '{Shown(http.Request.ContentType ?? "(none)")}' is not accepted: send application/json."),
        { InnerException: UnstorableTextException text } => IntakeProblems.Problem(StatusCodes.Status400BadRequest, "invalid_text", "Invalid text",
            $"'{Shown(text.Path ?? "$")}' {StorableText.Refusal}."),
        { InnerException: JsonException json } => IntakeProblems.MalformedBody(
            $"The body is not the JSON this endpoint reads{(json.Path is { } path ? $" (at '{Shown(path)}')" : "")}."),
        _ => IntakeProblems.Problem(unreadable.StatusCode, "bad_request", "Bad request", "The request could not be read."),
    };

    private static string Shown(string value) => value.Length <= 100 ? value : value[..100] + "…";
}

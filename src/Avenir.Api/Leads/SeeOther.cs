using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Avenir.Api.Leads;

/// <summary>
/// 303 See Other to a thank-you page: what a plain HTML form post gets, so the browser loads that page with a GET (a
/// reload does not post the lead again). <c>TypedResults.Redirect</c> only makes 301, 302, 307 and 308.
/// </summary>
public sealed class SeeOther(string location) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status303SeeOther, typeof(void)));
    }
}

using Avenir.Api.Leads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Avenir.Api.Hosting;

/// <summary>Endpoint metadata: the largest body this endpoint reads (Kestrel's default for the rest is set in Program).</summary>
public sealed class RequestBodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}

/// <summary>
/// Applies an endpoint's <see cref="IRequestSizeLimitMetadata"/> before anything reads the body: a declared length over
/// it is a 413 problem at once; an undeclared (chunked) body is cut at the limit by Kestrel while it is read.
/// </summary>
public sealed class RequestBodyLimits(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit })
        {
            if (http.Request.ContentLength > limit)
            {
                await IntakeProblems.TooLarge((int)Math.Min(limit, int.MaxValue)).ExecuteAsync(http);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        await next(http);
    }
}

using System.Threading.RateLimiting;
using Avenir.Api.Auth;
using Avenir.Api.Leads;
using Avenir.Api.Outreach;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Hosting;

/// <summary>
/// Per-IP limits on every endpoint reachable without a session, checked before the request is read: lead posts
/// (<c>Intake:PermitsPerIpPerMinute</c>), anonymous key look-ups — the CORS preflight and the lead read-back —
/// (<c>Intake:LookupsPerIpPerMinute</c>), sign-in (<c>SignIn:PermitsPerIpPerMinute</c>), and the outreach emails'
/// open, click and unsubscribe links (<c>Outreach:PublicEndpoints:PermitsPerIpPerMinute</c>). The per-key intake limit
/// is applied by the endpoint once it knows the key, however the key was sent (<see cref="IntakeKeyLimiter"/>).
/// Behind a reverse proxy the IP is the forwarded client's (<see cref="ProxyHeaders"/>). Refusals are 429 with
/// <c>Retry-After</c> and a problem body (ASP.NET's limiter would answer a bare 503).
/// </summary>
public static class PublicRateLimiting
{
    public static IServiceCollection AddPublicRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IntakeOptions>, IOptions<SignInOptions>, IOptions<TrackingEndpointOptions>>(
            (options, intake, signIn, tracking) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Surface(http) switch
            {
                "intake" => PerIp(http, "intake", intake.Value.PermitsPerIpPerMinute),
                "lookup" => PerIp(http, "lookup", intake.Value.LookupsPerIpPerMinute),
                "sign-in" => PerIp(http, "sign-in", signIn.Value.PermitsPerIpPerMinute),
                "tracking" => PerIp(http, "tracking", tracking.Value.PermitsPerIpPerMinute),
                _ => RateLimitPartition.GetNoLimiter("other"),
            });
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                await IntakeProblems.TooManyRequests(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext);
            };
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>Which anonymous surface a request is for, or null.</summary>
    private static string? Surface(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.Equals(LeadIntakeApi.Path, StringComparison.OrdinalIgnoreCase))
        {
            return HttpMethods.IsPost(request.Method) ? "intake" : HttpMethods.IsOptions(request.Method) ? "lookup" : null;
        }

        if (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(LeadsApi.Path, StringComparison.OrdinalIgnoreCase))
        {
            return "lookup";
        }

        if (OutreachTrackingApi.IsTrackingPath(request.Path))
        {
            return "tracking";
        }

        return HttpMethods.IsPost(request.Method) && request.Path.Equals(AuthApi.LoginPath, StringComparison.OrdinalIgnoreCase) ? "sign-in" : null;
    }

    private static RateLimitPartition<string> PerIp(HttpContext http, string surface, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter($"{surface}:{http.Connection.RemoteIpAddress}", _ => PerMinute(permitsPerMinute));

    /// <summary>The window every public limit uses: so many a minute, refused (not queued) beyond that.</summary>
    public static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

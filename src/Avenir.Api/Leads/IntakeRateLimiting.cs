using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Leads;

/// <summary>
/// Intake's rate limits: per client IP address and per client key (as sent), and a post must pass both.
/// Refusals are 429 with <c>Retry-After</c> and a problem body (ASP.NET's limiter would answer a bare 503).
/// Other endpoints are not limited here.
/// </summary>
public static class IntakeRateLimiting
{
    public static IServiceCollection AddIntakeRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IntakeOptions>>((options, intake) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsIntake(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => Window(intake.Value.PermitsPerIpPerMinute))
                    : RateLimitPartition.GetNoLimiter("other")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsIntake(http) && KeyOf(http) is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter("key:" + key, _ => Window(intake.Value.PermitsPerKeyPerMinute))
                    : RateLimitPartition.GetNoLimiter("other")));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await IntakeProblems.Problem(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
                        $"Too many lead posts; retry in {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    private static bool IsIntake(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(LeadIntakeApi.Path, StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string? KeyOf(HttpContext http) =>
        http.Request.Headers[LeadIntakeApi.ApiKeyHeader].ToString() is { Length: > 0 } header ? header
        : http.Request.Query["key"].ToString() is { Length: > 0 } query ? query
        : null;
}

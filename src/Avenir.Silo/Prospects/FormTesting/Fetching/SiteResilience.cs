using System.Net;
using Avenir.Silo.Prospects.Sources;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Avenir.Silo.Prospects.FormTesting.Fetching;

/// <summary>
/// The resilience of <see cref="SiteFetcher"/>: a total and a per-attempt timeout, and retries of GETs only (a POST
/// is the inquiry itself: sent twice it would be two inquiries). No circuit breaker: each site is a different host.
/// </summary>
internal static class SiteResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(60);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeProvider time)
    {
        pipeline.TimeProvider = time;
        pipeline
            .AddTimeout(TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromSeconds(2),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.GetRequestMessage()?.Method == HttpMethod.Get
                    && (SourceResilience.IsTransientFailure(args.Outcome) || args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)),
                DelayGenerator = args =>
                {
                    var asked = args.Outcome.Result is { } response ? RateLimitHeaders.Wait(response.Headers, time.GetUtcNow()) : null;
                    return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)(wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait) : null);
                },
            })
            .AddTimeout(AttemptTimeout);
    }
}

using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>
/// The resilience pipeline of a source's typed HttpClient: total timeout → retry (exponential back-off with jitter,
/// or exactly what <c>Retry-After</c> / <c>x-ratelimit-reset</c> ask) → circuit breaker → attempt timeout.
/// 429 is neither retried nor counted as a failure here: it is the provider's quota speaking, and
/// <see cref="SourceQuota"/> waits for its reset instead of hammering. Time comes from the container's
/// <see cref="TimeProvider"/>, so tests drive back-off and break durations with a fake clock.
/// </summary>
public static class SourceResilience
{
    /// <summary>Adds the pipeline to <paramref name="builder"/>, replacing ServiceDefaults' standard handler.</summary>
    public static IHttpClientBuilder AddSourceResilience(
        this IHttpClientBuilder builder, string pipelineName, Func<IServiceProvider, SourceResilienceOptions> options)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; ServiceDefaults adds a standard handler to every client.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            var settings = options(context.ServiceProvider);
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.TimeProvider = time;
            Configure(pipeline, settings, time);
        });
        return builder;
    }

    /// <summary>Builds the strategies on <paramref name="pipeline"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SourceResilienceOptions settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(settings);
        pipeline.AddTimeout(settings.TotalTimeout);
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false, // DelayGenerator below reads Retry-After and x-ratelimit-reset.
                ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
                DelayGenerator = args =>
                {
                    var asked = args.Outcome.Result is { } response ? RateLimitHeaders.Wait(response.Headers, time.GetUtcNow()) : null;
                    return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)(wait > settings.MaxRetryDelay ? settings.MaxRetryDelay : wait) : null);
                },
            });
        }

        pipeline
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = settings.CircuitBreakerFailureRatio,
                MinimumThroughput = Math.Max(2, settings.CircuitBreakerMinimumThroughput),
                SamplingDuration = settings.CircuitBreakerSamplingDuration < settings.AttemptTimeout * 2
                    ? settings.AttemptTimeout * 2
                    : settings.CircuitBreakerSamplingDuration,
                BreakDuration = settings.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
            })
            .AddTimeout(settings.AttemptTimeout);
    }

    /// <summary>5xx, 408, network errors and attempt time-outs; not 429 and not other 4xx (retrying cannot fix them).</summary>
    public static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: BrokenCircuitException } => false,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };
}

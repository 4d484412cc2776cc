using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>
/// The Gmail API's HTTP client: retries of 429, 5xx and connection failures with exponential, jittered back-off, a
/// Retry-After header waited as told (up to <see cref="GmailTransportOptions.MaxInlineRetryAfter"/>), a per-attempt
/// timeout, and no retry of a timed-out send (Gmail may have sent it).
/// </summary>
public static class OutreachHttp
{
    public const string GmailClientName = "outreach-gmail";

    public static IServiceCollection AddOutreachGmailHttpClient(this IServiceCollection services)
    {
        services.AddOptions<GmailTransportOptions>().BindConfiguration(GmailTransportOptions.Section);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental: drop ServiceDefaults' standard handler for this client
        services.AddHttpClient(GmailClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("gmail", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GmailTransportOptions>>().Value;
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutreachHttp).FullName!);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                    Delay = options.RetryDelay,
                    MaxDelay = options.MaxRetryDelay > options.MaxInlineRetryAfter ? options.MaxRetryDelay : options.MaxInlineRetryAfter,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxInlineRetryAfter)),
                    OnRetry = args =>
                    {
                        logger.LogWarning("Gmail API: retry {Attempt} after {RetryDelay} ({Status})", args.AttemptNumber + 1, args.RetryDelay,
                            args.Outcome.Result is { } result
                                ? ((int)result.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                                : args.Outcome.Exception?.GetType().Name);
                        return default;
                    },
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
#pragma warning restore EXTEXP0001
        return services;
    }

    /// <summary>Retry 429/5xx (unless told to wait longer than we wait inline) and failures to connect; never a timeout.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxInlineRetryAfter)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
        {
            return false;
        }

        return response.Headers.RetryAfter?.Delta is not { } wait || wait <= maxInlineRetryAfter;
    }
}

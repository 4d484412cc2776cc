namespace Avenir.Silo.Prospects.Sources;

/// <summary>Settings every source shares (<c>Prospects:Pdl</c>, <c>Prospects:Apollo</c>, <c>Prospects:Google</c>).</summary>
public class SourceOptions
{
    /// <summary>The API key; without one the source is not registered. Keep it in user secrets or the environment.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base address (the provider's by default; tests point it at a local server).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Requests allowed per minute by the provider's plan (counted here so the provider never has to say 429).</summary>
    public int RequestsPerMinute { get; set; } = 10;

    /// <summary>Credits the agency allows per <see cref="CreditPeriod"/> (null: no limit kept here).</summary>
    public int? CreditLimit { get; set; }

    /// <summary>The period the credit limit applies to: <c>day</c> or <c>month</c> (UTC calendar).</summary>
    public string CreditPeriod { get; set; } = "month";

    /// <summary>The longest this process waits for a rate limit to reset before failing with <see cref="ProspectSourceFailure.RateLimited"/>.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The HTTP pipeline's timings.</summary>
    public SourceResilienceOptions Resilience { get; set; } = new();
}

/// <summary>Timeouts, retries and circuit breaker of a source's typed HttpClient.</summary>
public sealed class SourceResilienceOptions
{
    /// <summary>One HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>All attempts and back-off together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after the first attempt, on 408, 5xx, network errors and attempt time-outs (429 is a quota, handled by the source).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off (exponential with jitter); a <c>Retry-After</c> or <c>x-ratelimit-reset</c> header wins when present.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single back-off, headers included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failure ratio in the sampling window that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the window before the breaker may open.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 6;

    /// <summary>The breaker's window.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(60);
}

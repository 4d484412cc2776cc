namespace Avenir.Silo.Prospects.Sources;

/// <summary>Why a source could not answer; the caller decides from it whether to retry, wait or tell the agency.</summary>
public enum ProspectSourceFailure
{
    /// <summary>401: the API key is missing, wrong or revoked. Fix the configuration.</summary>
    Unauthorized,

    /// <summary>402: the account has no credits left (the provider's own quota).</summary>
    PaymentRequired,

    /// <summary>403: the key is valid but the plan does not include this endpoint (Apollo's free plan) or the API is closed to it.</summary>
    Forbidden,

    /// <summary>429, or this process's count of the provider's rate limit: try again at <see cref="ProspectSourceException.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>The configured credit or request budget of the period is spent (counted here, before asking).</summary>
    QuotaExhausted,

    /// <summary>400/422: the provider refused the query itself.</summary>
    InvalidRequest,

    /// <summary>5xx, time-outs or network errors after the retries.</summary>
    Unavailable,

    /// <summary>The circuit breaker is open after repeated failures: calls fail fast for a while.</summary>
    CircuitOpen,

    /// <summary>The provider answered 2xx with a body this adapter cannot read.</summary>
    InvalidResponse,
}

/// <summary>
/// A source's call failed for a known <see cref="Failure"/>; <see cref="Exception.Message"/> says so in words, with the provider's own message.
/// </summary>
public sealed class ProspectSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProspectSourceException(
        string source, ProspectSourceFailure failure, string message, DateTimeOffset? retryAt = null, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        SourceName = source;
        Failure = failure;
        RetryAt = retryAt;
        StatusCode = statusCode;
    }

    /// <summary>The source (<see cref="Grains.Prospects.ProspectSources"/>).</summary>
    public string SourceName { get; }

    /// <summary>What went wrong.</summary>
    public ProspectSourceFailure Failure { get; }

    /// <summary>When trying again makes sense (rate limits, an open circuit).</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>The HTTP status, when there was an answer.</summary>
    public int? StatusCode { get; }
}

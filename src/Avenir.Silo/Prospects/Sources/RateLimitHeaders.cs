using System.Net.Http.Headers;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>
/// Reads how long a provider asks us to wait: <c>Retry-After</c> (seconds or an HTTP date, RFC 9110) and
/// <c>x-ratelimit-reset</c> (People Data Labs and others; seconds to wait, a Unix time, or a date).
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>The reset header providers use besides Retry-After.</summary>
    public const string ResetHeader = "x-ratelimit-reset";

    // Below this a number is a count of seconds; above it, a Unix timestamp (1e9 s is 2001-09-09).
    private const long UnixTimeThreshold = 1_000_000_000;

    /// <summary>The wait the response asks for (never negative), or null when it names none.</summary>
    public static TimeSpan? Wait(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return NotNegative(delta);
            }

            if (retryAfter.Date is { } date)
            {
                return NotNegative(date - now);
            }
        }

        return headers.TryGetValues(ResetHeader, out var values) ? ParseReset(values.FirstOrDefault(), now) : null;
    }

    /// <summary>Parses an <c>x-ratelimit-reset</c> value.</summary>
    public static TimeSpan? ParseReset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number >= UnixTimeThreshold
                ? NotNegative(DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) - now)
                : NotNegative(TimeSpan.FromSeconds(number));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? NotNegative(date - now)
            : null;
    }

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}

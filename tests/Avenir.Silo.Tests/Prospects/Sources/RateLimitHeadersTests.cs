using System.Net.Http.Headers;
using Avenir.Silo.Prospects.Sources;

namespace Avenir.Silo.Tests.Prospects.Sources;

public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = TestClock.DefaultOrigin;

    [Theory]
    [InlineData("30", 30)]                      // seconds to wait
    [InlineData("1795618830", 30)]              // a Unix time (Now + 30 s)
    [InlineData("2026-11-25T15:01:00Z", 60)]    // a date
    [InlineData("1795618770", 0)]               // already past: no wait
    public void X_ratelimit_reset_is_read_as_seconds_a_unix_time_or_a_date(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RateLimitHeaders.ParseReset(value, Now));
    }

    [Fact]
    public void Retry_after_wins_and_an_http_date_is_understood()
    {
        using var response = new HttpResponseMessage();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(90));
        response.Headers.TryAddWithoutValidation(RateLimitHeaders.ResetHeader, "5");

        Assert.Equal(TimeSpan.FromSeconds(90), RateLimitHeaders.Wait(response.Headers, Now));
        Assert.Null(RateLimitHeaders.ParseReset("soon", Now));
        using var none = new HttpResponseMessage();
        Assert.Null(RateLimitHeaders.Wait(none.Headers, Now));
    }
}

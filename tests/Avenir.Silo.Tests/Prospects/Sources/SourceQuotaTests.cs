using Avenir.Silo.Prospects.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Prospects.Sources;

public sealed class SourceQuotaTests
{
    private readonly FakeTimeProvider time = new(TestClock.DefaultOrigin);

    [Fact]
    public async Task Requests_beyond_the_per_minute_limit_wait_for_the_oldest_to_leave_the_window()
    {
        var delay = new RecordingDelay(time);
        var quota = new SourceQuota("pdl", new SourceOptions { RequestsPerMinute = 2 }, time, delay);

        await quota.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await quota.AcquireAsync(CancellationToken.None);
        await quota.AcquireAsync(CancellationToken.None); // the first left the window at +60 s: a 50 s wait

        Assert.Equal([TimeSpan.FromSeconds(50)], delay.Waits);
        Assert.Equal(2, quota.Usage.RequestsLastMinute);
    }

    [Fact]
    public async Task A_block_after_429_delays_the_next_request_and_a_too_long_one_fails_fast()
    {
        var delay = new RecordingDelay(time);
        var quota = new SourceQuota("apollo", new SourceOptions { RequestsPerMinute = 100, MaxRateLimitWait = TimeSpan.FromSeconds(30) }, time, delay);

        quota.BlockUntil(time.GetUtcNow().AddSeconds(12));
        await quota.AcquireAsync(CancellationToken.None);
        quota.BlockUntil(time.GetUtcNow().AddMinutes(5));
        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => quota.AcquireAsync(CancellationToken.None));

        Assert.Equal([TimeSpan.FromSeconds(12)], delay.Waits);
        Assert.Equal(ProspectSourceFailure.RateLimited, error.Failure);
        Assert.Equal(time.GetUtcNow().AddMinutes(5), error.RetryAt);
    }

    [Fact]
    public async Task Credits_are_counted_per_calendar_period_and_a_new_period_starts_afresh()
    {
        var quota = new SourceQuota("google", new SourceOptions { CreditLimit = 2, CreditPeriod = "day" }, time, new RecordingDelay(time));

        quota.Charge(2);
        var spent = await Assert.ThrowsAsync<ProspectSourceException>(() => quota.AcquireAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromHours(10)); // past midnight UTC
        await quota.AcquireAsync(CancellationToken.None);

        Assert.Equal(ProspectSourceFailure.QuotaExhausted, spent.Failure);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), spent.RetryAt);
        Assert.Equal(0, quota.Usage.CreditsUsed);
        Assert.Equal(2, quota.Usage.CreditsRemaining);
    }
}

using Avenir.Grains.Outreach.Sending;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>
/// The per-mailbox limiter on a fake clock: window edges in the recipient's zone, weekends, DST changes, the rolling
/// 24 hours, spacing with jitter, and that every "next allowed" instant is exact (allowed at it, refused a tick before).
/// </summary>
public sealed class SendLimiterTests
{
    private const string Mailbox = "sophie@avenir-agence.ca";
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly TimeZoneInfo Montreal = TimeZoneInfo.FindSystemTimeZoneById("America/Montreal");
    private static readonly TimeZoneInfo Vancouver = TimeZoneInfo.FindSystemTimeZoneById("America/Vancouver");
    private static readonly SendingLimits NoSpacing = new(100, TimeSpan.Zero, TimeSpan.Zero, SendWindow.BusinessHours);

    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        ZonedTime.ToInstant(new DateTime(year, month, day, hour, minute, second), zone);

    private static (FakeTimeProvider Clock, MailboxSendLimiter Limiter) At(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        return (clock, new MailboxSendLimiter(clock));
    }

    /// <summary>Allowed at <paramref name="permission"/>'s instant, refused one tick before it.</summary>
    private static void AssertExact(SendPermission permission, SendingLimits limits, IReadOnlyCollection<DateTimeOffset> sends, TimeZoneInfo zone)
    {
        var before = new FakeTimeProvider(permission.NextAllowedAt - TimeSpan.FromTicks(1));
        Assert.False(new MailboxSendLimiter(before).Check(Mailbox, limits, sends, zone).Allowed, $"allowed before {permission.NextAllowedAt:O}");
        var at = new FakeTimeProvider(permission.NextAllowedAt);
        var then = new MailboxSendLimiter(at).Check(Mailbox, limits, sends, zone);
        Assert.True(then.Allowed, $"refused at {permission.NextAllowedAt:O} ({then.Reason})");
        Assert.Equal(permission.NextAllowedAt, then.NextAllowedAt);
    }

    [Fact]
    public void Inside_the_window_with_nothing_sent_it_sends_now()
    {
        var (clock, limiter) = At(Local(Toronto, 2026, 11, 25, 10));

        var permission = limiter.Check(Mailbox, NoSpacing, [], Toronto);

        Assert.Equal(new SendPermission(true, clock.GetUtcNow(), SendBlock.None, 0), permission);
    }

    [Theory]
    [InlineData(16, 59, 59, true)]
    [InlineData(17, 0, 0, false)]
    [InlineData(9, 0, 0, true)]
    [InlineData(8, 59, 59, false)]
    public void The_window_is_closed_at_its_end_and_open_at_its_start(int hour, int minute, int second, bool open)
    {
        var now = Local(Toronto, 2026, 11, 25, hour, minute, second);
        var (_, limiter) = At(now);

        var permission = limiter.Check(Mailbox, NoSpacing, [], Toronto);

        Assert.Equal(open, permission.Allowed);
        if (!open)
        {
            Assert.Equal(SendBlock.OutsideWindow, permission.Reason);
            var expected = hour >= 17 ? Local(Toronto, 2026, 11, 26, 9) : Local(Toronto, 2026, 11, 25, 9);
            Assert.Equal(expected, permission.NextAllowedAt);
            AssertExact(permission, NoSpacing, [], Toronto);
        }
    }

    [Fact]
    public void Friday_evening_waits_for_Monday_morning()
    {
        var (_, limiter) = At(Local(Toronto, 2026, 11, 27, 17, 30));

        var permission = limiter.Check(Mailbox, NoSpacing, [], Toronto);

        Assert.Equal(Local(Toronto, 2026, 11, 30, 9), permission.NextAllowedAt);
        Assert.Equal(DayOfWeek.Monday, TimeZoneInfo.ConvertTime(permission.NextAllowedAt, Toronto).DayOfWeek);
    }

    [Fact]
    public void The_window_is_the_recipients_own_zone()
    {
        // 15:00 UTC: 10:00 in Toronto and Montréal, 07:00 in Vancouver.
        var now = new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
        var (_, limiter) = At(now);

        Assert.True(limiter.Check(Mailbox, NoSpacing, [], Toronto).Allowed);
        Assert.True(limiter.Check(Mailbox, NoSpacing, [], Montreal).Allowed);
        var vancouver = limiter.Check(Mailbox, NoSpacing, [], Vancouver);
        Assert.False(vancouver.Allowed);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), vancouver.NextAllowedAt);
    }

    [Fact]
    public void Across_the_spring_change_Monday_opens_at_the_new_offset()
    {
        // Canada springs forward on Sunday 2027-03-14: Friday closes at 17:00 EST (22:00Z), Monday opens 09:00 EDT (13:00Z).
        var (_, limiter) = At(new DateTimeOffset(2027, 3, 12, 22, 0, 0, TimeSpan.Zero));

        var permission = limiter.Check(Mailbox, NoSpacing, [], Toronto);

        Assert.Equal(new DateTimeOffset(2027, 3, 15, 13, 0, 0, TimeSpan.Zero), permission.NextAllowedAt);
        AssertExact(permission, NoSpacing, [], Toronto);
    }

    [Fact]
    public void A_limit_reached_before_the_autumn_change_frees_24_real_hours_later_then_waits_for_the_window()
    {
        // Friday 2026-10-30 16:30 EDT; clocks fall back on Sunday 2026-11-01. Limit 2, both used at 16:00 and 16:30.
        var limits = new SendingLimits(2, TimeSpan.Zero, TimeSpan.Zero, SendWindow.BusinessHours);
        var sends = new[] { Local(Toronto, 2026, 10, 30, 16), Local(Toronto, 2026, 10, 30, 16, 30) };
        var (_, limiter) = At(Local(Toronto, 2026, 10, 30, 16, 40));

        var permission = limiter.Check(Mailbox, limits, sends, Toronto);

        Assert.False(permission.Allowed);
        Assert.Equal(2, permission.SentInLast24Hours);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), permission.NextAllowedAt); // Monday 09:00 EST
        Assert.Equal(SendBlock.OutsideWindow, permission.Reason);
        AssertExact(permission, limits, sends, Toronto);
    }

    [Fact]
    public void The_daily_limit_rolls_over_24_hours_not_the_calendar_day()
    {
        // Three sends late on Wednesday; Thursday 09:00 is a new calendar day but not 24 hours later.
        var limits = new SendingLimits(3, TimeSpan.Zero, TimeSpan.Zero, SendWindow.BusinessHours);
        var sends = new[] { Local(Toronto, 2026, 11, 25, 16, 10), Local(Toronto, 2026, 11, 25, 16, 20), Local(Toronto, 2026, 11, 25, 16, 50) };
        var (_, limiter) = At(Local(Toronto, 2026, 11, 26, 9));

        var permission = limiter.Check(Mailbox, limits, sends, Toronto);

        Assert.False(permission.Allowed);
        Assert.Equal(SendBlock.DailyLimit, permission.Reason);
        Assert.Equal(Local(Toronto, 2026, 11, 26, 16, 10), permission.NextAllowedAt);
        AssertExact(permission, limits, sends, Toronto);
    }

    [Fact]
    public void A_send_exactly_24_hours_old_no_longer_counts()
    {
        var now = Local(Toronto, 2026, 11, 25, 11);
        var limits = new SendingLimits(2, TimeSpan.Zero, TimeSpan.Zero, SendWindow.BusinessHours);
        var (_, limiter) = At(now);

        Assert.True(limiter.Check(Mailbox, limits, [now.AddHours(-24), now.AddHours(-1)], Toronto).Allowed);
        var blocked = limiter.Check(Mailbox, limits, [now.AddHours(-24).AddTicks(1), now.AddHours(-1)], Toronto);
        Assert.False(blocked.Allowed);
        Assert.Equal(now.AddTicks(1), blocked.NextAllowedAt);
    }

    [Fact]
    public void Spacing_adds_a_stable_jitter_within_its_bound()
    {
        var limits = new SendingLimits(100, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), SendWindow.BusinessHours);
        var last = Local(Toronto, 2026, 11, 25, 10);
        var (_, limiter) = At(last.AddSeconds(30));

        var first = limiter.Check(Mailbox, limits, [last], Toronto);
        var again = limiter.Check(Mailbox, limits, [last], Toronto);

        Assert.False(first.Allowed);
        Assert.Equal(SendBlock.Spacing, first.Reason);
        Assert.Equal(first, again);
        Assert.Equal(last + TimeSpan.FromMinutes(2) + SpacingJitter.For(Mailbox, last, TimeSpan.FromMinutes(3)), first.NextAllowedAt);
        Assert.InRange(first.NextAllowedAt, last.AddMinutes(2), last.AddMinutes(5));
        AssertExact(first, limits, [last], Toronto);

        var jitters = Enumerable.Range(0, 200).Select(i => SpacingJitter.For(Mailbox, last.AddMinutes(i * 7), TimeSpan.FromMinutes(3))).ToList();
        Assert.All(jitters, j => Assert.InRange(j, TimeSpan.Zero, TimeSpan.FromMinutes(3) - TimeSpan.FromTicks(1)));
        Assert.True(jitters.Distinct().Count() > 190, "jitter barely varies");
        Assert.True(jitters.Count(j => j < TimeSpan.FromMinutes(1.5)) is > 60 and < 140, "jitter is not spread over its range");
        Assert.NotEqual(SpacingJitter.For(Mailbox, last, TimeSpan.FromMinutes(3)), SpacingJitter.For("other@avenir-agence.ca", last, TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void Spacing_that_runs_past_the_window_end_moves_to_the_next_opening()
    {
        var limits = new SendingLimits(100, TimeSpan.FromMinutes(10), TimeSpan.Zero, SendWindow.BusinessHours);
        var last = Local(Toronto, 2026, 11, 25, 16, 55);
        var (_, limiter) = At(last.AddMinutes(1));

        var permission = limiter.Check(Mailbox, limits, [last], Toronto);

        Assert.Equal(Local(Toronto, 2026, 11, 26, 9), permission.NextAllowedAt);
        Assert.Equal(SendBlock.OutsideWindow, permission.Reason);
    }

    [Fact]
    public void A_mailbox_driven_for_a_week_never_breaks_a_limit()
    {
        // The grain's loop: check, send when allowed (record the instant), else sleep until the next allowed instant.
        var limits = new SendingLimits(12, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10), SendWindow.BusinessHours);
        var clock = new FakeTimeProvider(Local(Toronto, 2026, 10, 28, 8)); // spans the autumn DST change
        var limiter = new MailboxSendLimiter(clock);
        var sends = new List<DateTimeOffset>();
        var zones = new[] { Toronto, Vancouver, Montreal };
        for (var step = 0; step < 2_000 && clock.GetUtcNow() < Local(Toronto, 2026, 11, 6, 18); step++)
        {
            var zone = zones[sends.Count % zones.Length];
            var permission = limiter.Check(Mailbox, limits, limiter.Prune(sends), zone);
            if (permission.Allowed)
            {
                Assert.True(SendWindow.BusinessHours.Contains(clock.GetUtcNow(), zone));
                sends.Add(clock.GetUtcNow());
                clock.Advance(TimeSpan.FromSeconds(1)); // the send itself
            }
            else
            {
                Assert.True(permission.NextAllowedAt > clock.GetUtcNow());
                clock.SetUtcNow(permission.NextAllowedAt);
            }
        }

        Assert.True(sends.Count > 60, $"only {sends.Count} sends in a week");
        foreach (var sent in sends)
        {
            Assert.True(
                sends.Count(s => s > sent - SendingLimits.RollingPeriod && s <= sent) <= limits.DailyLimit,
                $"more than {limits.DailyLimit} in the 24 h before {sent:O}");
        }

        Assert.All(sends.Zip(sends.Skip(1)), pair => Assert.True(pair.Second - pair.First >= limits.MinimumSpacing));
    }

    [Fact]
    public void Prune_keeps_only_the_rolling_period()
    {
        var now = Local(Toronto, 2026, 11, 25, 12);
        var (_, limiter) = At(now);

        var kept = limiter.Prune([now.AddHours(-30), now.AddHours(-24), now.AddHours(-23), now.AddMinutes(-1)]);

        Assert.Equal([now.AddHours(-23), now.AddMinutes(-1)], kept);
    }

    [Fact]
    public void The_wall_clock_gap_resolves_to_the_end_of_the_gap_and_the_overlap_to_its_first_pass()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero), ZonedTime.ToInstant(new DateTime(2027, 3, 14, 2, 30, 0), Toronto));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), ZonedTime.ToInstant(new DateTime(2026, 11, 1, 1, 30, 0), Toronto));
        Assert.Equal("America/Vancouver", CanadianTimeZones.IanaIdForProvince("bc"));
        Assert.Equal(Toronto.BaseUtcOffset, CanadianTimeZones.Resolve(null, "QC", TimeZoneInfo.Utc).BaseUtcOffset);
        Assert.Same(TimeZoneInfo.Utc, CanadianTimeZones.Resolve("Not/AZone", "ZZ", TimeZoneInfo.Utc));
    }
}

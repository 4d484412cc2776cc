using System.Diagnostics;

namespace Avenir.Testing;

/// <summary>
/// The clock every test fixture gives the code under test: the calendar starts at a fixed instant
/// (<see cref="DefaultOrigin"/>, or one the test chooses with <see cref="StartAt"/>), never today's date, and
/// moves on with the real elapsed time so timestamps stay ordered; <see cref="Advance"/> jumps ahead.
/// Only <see cref="GetUtcNow"/> is changed: timers and timestamps stay the system's, so the Orleans runtime,
/// which shares the silo's <see cref="TimeProvider"/>, keeps working (a <c>FakeTimeProvider</c> would stop
/// its timers). It never goes back: Orleans' activation collector refuses a clock that does. Where nothing
/// but the code under test reads the clock, tests use a <c>FakeTimeProvider</c> started at
/// <see cref="DefaultOrigin"/> instead.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>
    /// A Wednesday afternoon (UTC), away from day, week, month and year boundaries, so a test that runs for
    /// minutes stays in the same day and ISO week.
    /// </summary>
    public static readonly DateTimeOffset DefaultOrigin = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly bool moves;
    private DateTimeOffset origin;
    private long startedAt;

    /// <param name="origin">Where the calendar starts (<see cref="DefaultOrigin"/> when not given).</param>
    /// <param name="moves">
    /// False for a clock that stands still but for <see cref="Advance"/> and <see cref="StartAt"/>: for a cluster whose
    /// rows must be stamped with the same instant as a <c>FakeTimeProvider</c> that runs the jobs (still never back).
    /// </param>
    public TestClock(DateTimeOffset? origin = null, bool moves = true)
    {
        this.moves = moves;
        StartAt(origin ?? DefaultOrigin);
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return moves ? origin + Stopwatch.GetElapsedTime(startedAt) : origin;
        }
    }

    /// <summary>Makes <paramref name="instant"/> (not before the current time) the current time; the clock moves on from there.</summary>
    public void StartAt(DateTimeOffset instant)
    {
        lock (gate)
        {
            if (startedAt != 0 && instant < (moves ? origin + Stopwatch.GetElapsedTime(startedAt) : origin))
            {
                throw new ArgumentOutOfRangeException(nameof(instant), instant, "The test clock never goes back.");
            }

            origin = instant.ToUniversalTime();
            startedAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>
    /// The first noon (UTC) after the current time, at least a day ahead, that <paramref name="matches"/>: a way to pick
    /// a calendar position (a weekday, the last day of a year) on a clock that only moves forward.
    /// </summary>
    public DateTimeOffset NextNoon(Func<DateOnly, bool> matches)
    {
        var day = DateOnly.FromDateTime(GetUtcNow().UtcDateTime).AddDays(2);
        while (!matches(day))
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }

    /// <summary>Moves the calendar forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            origin += by;
        }
    }
}

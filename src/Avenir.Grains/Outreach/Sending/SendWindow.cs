namespace Avenir.Grains.Outreach.Sending;

/// <summary>
/// When a recipient may receive outreach, in the recipient's own time zone: the week days and the hours
/// [<see cref="Start"/>, <see cref="End"/>) of each. E.g. Monday–Friday 09:00–17:00.
/// </summary>
public sealed record SendWindow
{
    public SendWindow(IReadOnlyCollection<DayOfWeek> days, TimeOnly start, TimeOnly end)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            throw new ArgumentException("A send window needs at least one day.", nameof(days));
        }

        if (end <= start)
        {
            throw new ArgumentException(
                $"A send window ends after it starts (got {start:HH:mm}–{end:HH:mm}); windows across midnight are not supported.", nameof(end));
        }

        Days = new HashSet<DayOfWeek>(days);
        Start = start;
        End = end;
    }

    /// <summary>Monday to Friday, 09:00–17:00: the default of a campaign.</summary>
    public static SendWindow BusinessHours { get; } = Weekdays(new TimeOnly(9, 0), new TimeOnly(17, 0));

    public IReadOnlySet<DayOfWeek> Days { get; }

    public TimeOnly Start { get; }

    /// <summary>Exclusive: at 17:00 sharp a 09:00–17:00 window is closed.</summary>
    public TimeOnly End { get; }

    public static SendWindow Weekdays(TimeOnly start, TimeOnly end) =>
        new([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], start, end);

    /// <summary>Whether <paramref name="instant"/> lies inside the window in <paramref name="zone"/>.</summary>
    public bool Contains(DateTimeOffset instant, TimeZoneInfo zone) => NextOpening(instant, zone) == instant;

    /// <summary>
    /// The first instant at or after <paramref name="after"/> inside the window in <paramref name="zone"/>: itself when
    /// open, else the next start. Window edges are computed per day as instants, so DST days are exact (a window day
    /// after a change starts at the new offset's 09:00).
    /// </summary>
    public DateTimeOffset NextOpening(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);

        // Seven days always contain an open day; eight covers a window that already closed today.
        for (var offset = 0; offset <= 7; offset++)
        {
            var day = localDate.AddDays(offset);
            if (!Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var opens = ZonedTime.ToInstant(day.ToDateTime(Start), zone);
            if (after < opens)
            {
                return opens;
            }

            if (after < ZonedTime.ToInstant(day.ToDateTime(End), zone))
            {
                return after;
            }
        }

        throw new InvalidOperationException("Unreachable: a non-empty week has an open day.");
    }
}

namespace Avenir.Grains.Growth;

/// <summary>UTC ISO weeks (Monday 00:00 UTC start), the unit of the growth brain's weekly figures.</summary>
public static class GrowthWeeks
{
    /// <summary>The weeks kept and reported: the current (partial) week and the seven before it.</summary>
    public const int Count = 8;

    public static DateTime StartOf(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(day.AddDays(-sinceMonday), DateTimeKind.Utc);
    }

    /// <summary>The Monday starting the oldest week of the window that ends with <paramref name="now"/>'s week.</summary>
    public static DateTime WindowStart(DateTimeOffset now) => StartOf(now).AddDays(-7 * (Count - 1));
}

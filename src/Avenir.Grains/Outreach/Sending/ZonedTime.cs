namespace Avenir.Grains.Outreach.Sending;

/// <summary>Local wall-clock times to instants, with the two DST cases decided once.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The instant at which <paramref name="local"/> (a wall-clock time in <paramref name="zone"/>) happens. In the spring
    /// gap (02:30 on a day that jumps from 02:00 to 03:00) it is the end of the gap, the first instant the clock reads
    /// that late; in the autumn overlap (01:30 twice) it is the first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Transitions fall on whole minutes in every tz database zone since 1970: step to the first valid minute.
            var probe = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            return new DateTimeOffset(probe, zone.GetUtcOffset(probe));
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier instant (e.g. −04:00 before −05:00).
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The zone of an IANA id (<c>America/Toronto</c>), or <see langword="null"/> when unknown here.</summary>
    public static TimeZoneInfo? Find(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : null;
    }
}

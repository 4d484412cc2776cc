namespace Avenir.Grains.Outreach.Sending;

/// <summary>What a follow-up's business days are counted from.</summary>
public enum FollowUpAnchor
{
    /// <summary>
    /// Each step counts from the send before it (lemlist's and Instantly's "wait N days"): [3, 7] = 3 days after the first email,
    /// 7 after the first follow-up.
    /// </summary>
    PreviousSend,

    /// <summary>Each step counts from the first email of the sequence: [3, 7] = days 3 and 7.</summary>
    FirstSend,
}

/// <summary>
/// A campaign's follow-ups: step i is due <c>BusinessDays[i]</c> business days (days of the send window, minus holidays)
/// after its anchor, in the recipient's zone, at the anchor's time of day when that is inside the window, else at the
/// window's start. Follow-ups stop on reply, bounce or unsubscribe (the campaign grain's rule).
/// </summary>
public sealed record FollowUpSchedule(IReadOnlyList<int> BusinessDays, FollowUpAnchor Anchor = FollowUpAnchor.PreviousSend)
{
    /// <summary>+3 and +7 business days, each from the send before.</summary>
    public static FollowUpSchedule Default { get; } = new([3, 7]);

    public int Steps => BusinessDays.Count;

    /// <summary>
    /// When follow-up <paramref name="step"/> (0 = the first follow-up) is due. <paramref name="previousSend"/> is the
    /// actual instant of the send before it (a throttled send moves its follow-ups), <paramref name="firstSend"/> that of
    /// the first email. The result is inside <paramref name="window"/>; the limiter may still delay the send itself.
    /// </summary>
    public DateTimeOffset DueAt(
        int step,
        DateTimeOffset firstSend,
        DateTimeOffset previousSend,
        SendWindow window,
        TimeZoneInfo recipientZone,
        IReadOnlySet<DateOnly>? holidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Steps);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(recipientZone);
        var anchor = Anchor == FollowUpAnchor.PreviousSend ? previousSend : firstSend;
        var days = BusinessDays[step];
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days, nameof(BusinessDays));

        var local = TimeZoneInfo.ConvertTime(anchor, recipientZone).DateTime;
        var date = DateOnly.FromDateTime(local);
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (window.Days.Contains(date.DayOfWeek) && holidays?.Contains(date) != true)
            {
                counted++;
            }
        }

        var timeOfDay = TimeOnly.FromDateTime(local);
        if (timeOfDay < window.Start || timeOfDay >= window.End)
        {
            timeOfDay = window.Start;
        }

        var due = ZonedTime.ToInstant(date.ToDateTime(timeOfDay), recipientZone);
        // Only a DST gap could push the chosen time out of the window; the window puts it back in.
        return window.NextOpening(due, recipientZone);
    }
}

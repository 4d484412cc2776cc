using Avenir.Grains.Outreach.Sending;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>Follow-ups land N business days after the send before them, in the recipient's zone, inside the window.</summary>
public sealed class FollowUpScheduleTests
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
    private static readonly TimeZoneInfo Vancouver = TimeZoneInfo.FindSystemTimeZoneById("America/Vancouver");
    private static readonly SendWindow Window = SendWindow.BusinessHours;

    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0) =>
        ZonedTime.ToInstant(new DateTime(year, month, day, hour, minute, 0), zone);

    [Fact]
    public void Plus_three_then_plus_seven_business_days_skip_the_weekends()
    {
        var schedule = FollowUpSchedule.Default;
        var first = Local(Toronto, 2026, 11, 25, 10, 15); // Wednesday

        var firstFollowUp = schedule.DueAt(0, first, first, Window, Toronto);
        var secondFollowUp = schedule.DueAt(1, first, firstFollowUp, Window, Toronto);

        Assert.Equal(Local(Toronto, 2026, 11, 30, 10, 15), firstFollowUp);  // Thu, Fri, Mon
        Assert.Equal(Local(Toronto, 2026, 12, 9, 10, 15), secondFollowUp);  // 7 business days after Monday
    }

    [Fact]
    public void The_first_send_anchor_counts_every_step_from_the_first_email()
    {
        var schedule = new FollowUpSchedule([3, 7], FollowUpAnchor.FirstSend);
        var first = Local(Toronto, 2026, 11, 25, 10);

        Assert.Equal(Local(Toronto, 2026, 12, 4, 10), schedule.DueAt(1, first, Local(Toronto, 2026, 11, 30, 10), Window, Toronto));
    }

    [Fact]
    public void A_throttled_previous_send_moves_the_follow_up()
    {
        var first = Local(Toronto, 2026, 11, 25, 10);
        var sentLate = Local(Toronto, 2026, 12, 1, 14, 40); // the first follow-up waited for the daily limit

        Assert.Equal(Local(Toronto, 2026, 12, 10, 14, 40), FollowUpSchedule.Default.DueAt(1, first, sentLate, Window, Toronto));
    }

    [Fact]
    public void A_previous_send_outside_the_window_lands_at_the_windows_start()
    {
        var sentInTheEvening = Local(Toronto, 2026, 11, 27, 19, 30); // Friday evening (sent by hand)

        Assert.Equal(Local(Toronto, 2026, 12, 2, 9), FollowUpSchedule.Default.DueAt(0, sentInTheEvening, sentInTheEvening, Window, Toronto));
    }

    [Fact]
    public void Business_days_are_counted_in_the_recipients_zone()
    {
        // 2026-11-28 02:30 UTC is Friday 18:30 in Vancouver but already Friday 21:30 in Toronto and Saturday in UTC.
        var sent = new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero);

        var due = FollowUpSchedule.Default.DueAt(0, sent, sent, Window, Vancouver);

        Assert.Equal(Local(Vancouver, 2026, 12, 2, 9), due); // Mon, Tue, Wed after Friday; 18:30 is outside the window
    }

    [Fact]
    public void Across_the_spring_change_the_local_hour_is_kept()
    {
        var sent = Local(Toronto, 2027, 3, 11, 10); // Thursday 10:00 EST = 15:00Z

        var due = FollowUpSchedule.Default.DueAt(0, sent, sent, Window, Toronto);

        Assert.Equal(new DateTimeOffset(2027, 3, 16, 14, 0, 0, TimeSpan.Zero), due); // Tuesday 10:00 EDT
    }

    [Fact]
    public void Holidays_are_not_business_days()
    {
        var sent = Local(Toronto, 2026, 12, 23, 11); // Wednesday before Christmas
        var holidays = new HashSet<DateOnly> { new(2026, 12, 25), new(2026, 12, 28) }; // Christmas, Boxing Day observed

        Assert.Equal(Local(Toronto, 2026, 12, 30, 11), FollowUpSchedule.Default.DueAt(0, sent, sent, Window, Toronto, holidays));
        Assert.Equal(Local(Toronto, 2026, 12, 28, 11), FollowUpSchedule.Default.DueAt(0, sent, sent, Window, Toronto));
    }

    [Fact]
    public void Every_due_instant_is_inside_the_window()
    {
        var start = Local(Toronto, 2026, 10, 1, 0);
        for (var hour = 0; hour < 24 * 45; hour += 7)
        {
            var sent = start.AddHours(hour);
            var due = FollowUpSchedule.Default.DueAt(0, sent, sent, Window, Toronto);
            Assert.True(Window.Contains(due, Toronto), $"{sent:O} → {due:O}");
            Assert.True(due > sent.AddDays(2));
        }
    }
}

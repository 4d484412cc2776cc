namespace Avenir.Grains.Growth;

/// <summary>
/// The running sums behind a client's growth figures, kept as the client grain's state. Every lead event
/// costs O(1): subtract what the lead contributed before, add what it contributes after. A full recompute
/// from the tables builds the same type (<see cref="AddGroup"/>), so both can be compared field by field.
/// </summary>
/// <remarks>
/// Weekly figures cover the <see cref="GrowthWeeks.Count"/> UTC ISO weeks ending with <see cref="CurrentWeek"/>;
/// an event for a lead received before that window changes only the totals. Counts that reach zero are
/// removed, so an accumulator equals a recompute's whatever path led to it. Public setters: Orleans' grain
/// storage serializes it.
/// </remarks>
[GenerateSerializer, Alias("Avenir.Grains.Growth.GrowthAccumulator")]
public sealed class GrowthAccumulator
{
    /// <summary>Leads not deleted.</summary>
    [Id(0)] public long Leads { get; set; }

    /// <summary>Leads with an intent.</summary>
    [Id(1)] public long Enriched { get; set; }

    [Id(2)] public Dictionary<string, long> Intents { get; set; } = [];

    [Id(3)] public Dictionary<string, long> Urgencies { get; set; } = [];

    [Id(4)] public Dictionary<string, long> Tones { get; set; } = [];

    [Id(5)] public Dictionary<string, long> Languages { get; set; } = [];

    [Id(6)] public decimal ConfidenceSum { get; set; }

    [Id(7)] public long ConfidenceCount { get; set; }

    [Id(8)] public long OpenHighUrgency { get; set; }

    [Id(9)] public long Converted { get; set; }

    /// <summary>Leads tagged, archived or converted.</summary>
    [Id(10)] public long Handled { get; set; }

    /// <summary>Monday 00:00 UTC of the newest week kept.</summary>
    [Id(11)] public DateTime CurrentWeek { get; set; }

    /// <summary><see cref="GrowthWeeks.Count"/> weeks, oldest first; the last is <see cref="CurrentWeek"/>.</summary>
    [Id(12)] public List<GrowthWeek> Weeks { get; set; } = [];

    /// <summary>An empty accumulator whose window ends with <paramref name="now"/>'s week.</summary>
    public static GrowthAccumulator Empty(DateTimeOffset now)
    {
        var accumulator = new GrowthAccumulator();
        accumulator.MoveWindowTo(GrowthWeeks.StartOf(now));
        return accumulator;
    }

    /// <summary>
    /// One lead event: <paramref name="before"/> is what the lead was (null: it did not exist), <paramref name="after"/> what it is (null: erased).
    /// </summary>
    public void Apply(LeadStatus? before, LeadStatus? after)
    {
        if (before is { Deleted: false })
        {
            Add(GrowthFacts.Of(before), -1, -(before.Confidence ?? 0), before.Confidence is null ? 0 : -1);
        }

        if (after is { Deleted: false })
        {
            Add(GrowthFacts.Of(after), 1, after.Confidence ?? 0, after.Confidence is null ? 0 : 1);
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> leads, none deleted, that share <paramref name="lead"/>'s facts (a GROUP BY row of
    /// the recompute), with their confidence sum and count.
    /// </summary>
    public void AddGroup(GrowthFacts lead, long count, decimal confidenceSum, long confidenceCount) => Add(lead, count, confidenceSum, confidenceCount);

    /// <summary>Slides the weekly window forward to <paramref name="now"/>'s week (never back).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        var week = GrowthWeeks.StartOf(now);
        if (week > CurrentWeek)
        {
            MoveWindowTo(week);
        }
    }

    /// <summary>The week bucket starting at <paramref name="weekStart"/>, or null when outside the window.</summary>
    public GrowthWeek? Week(DateTime weekStart)
    {
        var index = Weeks.Count - 1 - (int)((CurrentWeek - weekStart).Ticks / TimeSpan.TicksPerDay / 7);
        return weekStart <= CurrentWeek && index >= 0 && Weeks[index].WeekStart == weekStart ? Weeks[index] : null;
    }

    public GrowthAccumulator Copy()
    {
        var copy = (GrowthAccumulator)MemberwiseClone();
        copy.Intents = new(Intents);
        copy.Urgencies = new(Urgencies);
        copy.Tones = new(Tones);
        copy.Languages = new(Languages);
        copy.Weeks = [.. Weeks.Select(week => week.Copy())];
        return copy;
    }

    private void Add(GrowthFacts lead, long count, decimal confidenceSum, long confidenceCount)
    {
        Leads += count;
        if (lead.Intent is not null)
        {
            Enriched += count;
        }

        Bump(Intents, lead.Intent, count);
        Bump(Urgencies, lead.Urgency, count);
        Bump(Tones, lead.Tone, count);
        Bump(Languages, lead.Language, count);
        ConfidenceSum += confidenceSum;
        ConfidenceCount += confidenceCount;
        OpenHighUrgency += lead.IsOpenHighUrgency ? count : 0;
        Converted += lead.Converted ? count : 0;
        Handled += lead.IsHandled ? count : 0;

        var weekStart = GrowthWeeks.StartOf(lead.ReceivedAt);
        AdvanceTo(lead.ReceivedAt); // a lead from a week the window has not reached yet moves it
        if (Week(weekStart) is { } week)
        {
            week.Leads += count;
            week.HighUrgency += lead.Urgency == LeadLabels.HighUrgency ? count : 0;
            week.ConfidenceSum += confidenceSum;
            week.ConfidenceCount += confidenceCount;
        }
    }

    private void MoveWindowTo(DateTime currentWeek)
    {
        var weeks = new List<GrowthWeek>(GrowthWeeks.Count);
        for (var i = GrowthWeeks.Count - 1; i >= 0; i--)
        {
            var start = currentWeek.AddDays(-7 * i);
            weeks.Add(Weeks.Count > 0 && Week(start) is { } kept ? kept : new GrowthWeek { WeekStart = start });
        }

        (Weeks, CurrentWeek) = (weeks, currentWeek);
    }

    private static void Bump(Dictionary<string, long> counts, string? key, long count)
    {
        if (key is null)
        {
            return;
        }

        var value = counts.GetValueOrDefault(key) + count;
        if (value == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = value;
        }
    }
}

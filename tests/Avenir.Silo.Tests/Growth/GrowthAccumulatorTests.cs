using Avenir.Contracts.Growth;
using Avenir.Contracts.Leads;
using Avenir.Grains.Growth;

namespace Avenir.Silo.Tests.Growth;

/// <summary>The pure growth model: the accumulator's arithmetic, its weekly window and the report's rules.</summary>
public sealed class GrowthAccumulatorTests
{
    // Wednesday; its UTC ISO week starts Monday 2026-11-23, the 8-week window on Monday 2026-10-05.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ThisMonday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static LeadStatus Lead(DateTimeOffset receivedAt, string? urgency = null, bool archived = false, bool converted = false) => new()
    {
        ReceivedAt = receivedAt,
        Language = "en",
        Intent = "pricing_quote",
        Urgency = urgency,
        Tone = "Professional",
        Confidence = 0.8m,
        Archived = archived,
        ConvertedAt = converted ? receivedAt : null,
    };

    [Fact]
    public void Applying_then_unapplying_every_lead_returns_to_zero()
    {
        var random = new Random(6);
        string?[] languages = ["en", "fr", null];
        var leads = Enumerable.Range(0, 300).Select(_ => new LeadStatus
        {
            ReceivedAt = Now.AddDays(-random.Next(0, 120)).AddMinutes(-random.Next(0, 1440)),
            Language = languages[random.Next(3)],
            Intent = random.Next(5) == 0 ? null : LeadLabels.Intents.Keys.ElementAt(random.Next(12)),
            Urgency = random.Next(4) == 0 ? null : LeadLabels.Urgencies[random.Next(3)],
            Tone = random.Next(4) == 0 ? null : LeadLabels.Tones[random.Next(6)],
            Confidence = random.Next(4) == 0 ? null : random.Next(0, 101) / 100m,
            Archived = random.Next(3) == 0,
            ConvertedAt = random.Next(4) == 0 ? Now : null,
            Tag = random.Next(2) == 0 ? "Hot Lead" : null,
        }).ToList();
        var accumulator = GrowthAccumulator.Empty(Now);

        leads.ForEach(lead => accumulator.Apply(null, lead));
        Assert.Equal(300, accumulator.Leads);
        foreach (var lead in leads.OrderBy(_ => random.Next()))
        {
            accumulator.Apply(lead, null);
        }

        Assert.Equal(0, accumulator.Leads);
        Assert.Equal(0, accumulator.Enriched);
        Assert.Empty(accumulator.Intents);
        Assert.Empty(accumulator.Urgencies);
        Assert.Empty(accumulator.Tones);
        Assert.Empty(accumulator.Languages);
        Assert.Equal(0m, accumulator.ConfidenceSum);
        Assert.Equal(0, accumulator.ConfidenceCount);
        Assert.Equal(0, accumulator.OpenHighUrgency);
        Assert.Equal(0, accumulator.Converted);
        Assert.Equal(0, accumulator.Handled);
        Assert.All(accumulator.Weeks, week => Assert.Equal((0, 0, 0m, 0), (week.Leads, week.HighUrgency, week.ConfidenceSum, week.ConfidenceCount)));
    }

    [Fact]
    public void A_change_is_the_difference_between_before_and_after()
    {
        var accumulator = GrowthAccumulator.Empty(Now);
        var open = Lead(Now, "High");
        accumulator.Apply(null, open);
        Assert.Equal(1, accumulator.OpenHighUrgency);

        accumulator.Apply(open, open with { Archived = true });
        accumulator.Apply(open with { Archived = true }, open with { Archived = true, Deleted = true });

        Assert.Equal(0, accumulator.Leads);
        Assert.Equal(0, accumulator.OpenHighUrgency);
        Assert.Equal(0, accumulator.Handled);
        Assert.Equal(0, accumulator.Weeks[^1].Leads);
    }

    [Fact]
    public void Window_boundaries_are_utc_monday_midnights_and_older_leads_touch_only_the_totals()
    {
        var accumulator = GrowthAccumulator.Empty(Now);
        var windowStart = new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

        accumulator.Apply(null, Lead(windowStart.AddTicks(-1), "High"));           // Sunday 23:59:59.9999999: before the window
        accumulator.Apply(null, Lead(windowStart, "High"));                        // first instant of the oldest week
        accumulator.Apply(null, Lead(ThisMonday.AddDays(7).AddTicks(-1), "High")); // last instant of the current week
        accumulator.Apply(null, Lead(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.FromHours(5)), "Low")); // Sunday 20:00 UTC: last week

        var report = GrowthFigures.From(accumulator, Now);
        Assert.Equal(4, report.TotalLeads);
        Assert.Equal(3, report.Urgency.High);
        Assert.Equal(windowStart, report.PeriodStart);
        Assert.Equal(Now, report.PeriodEnd);
        Assert.Equal(
            [new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 19), new DateOnly(2026, 10, 26),
             new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)],
            report.Weeks.Select(week => week.WeekStart));
        Assert.Equal([1L, 0, 0, 0, 0, 0, 1, 1], report.Weeks.Select(week => week.Leads));
        Assert.Equal([1L, 0, 0, 0, 0, 0, 0, 1], report.Weeks.Select(week => week.HighUrgency));
    }

    [Fact]
    public void The_window_slides_with_time_and_an_event_for_a_lead_that_left_it_touches_only_the_totals()
    {
        var accumulator = GrowthAccumulator.Empty(Now);
        var lead = Lead(Now, "High");
        accumulator.Apply(null, lead);

        Assert.Equal(1, GrowthFigures.From(accumulator, Now.AddDays(7)).Weeks[^2].Leads);

        accumulator.AdvanceTo(Now.AddDays(7 * 8));
        Assert.All(accumulator.Weeks, week => Assert.Equal(0, week.Leads));
        accumulator.Apply(lead, lead with { Urgency = "Low" });

        Assert.Equal(1, accumulator.Leads);
        Assert.Equal(0, accumulator.OpenHighUrgency);
        Assert.Equal(1, accumulator.Urgencies["Low"]);
        Assert.All(accumulator.Weeks, week => Assert.Equal((0, 0), (week.Leads, week.HighUrgency)));
    }

    [Theory]
    [InlineData(0, 3, null)]    // no high-urgency lead last week: no percentage
    [InlineData(5, 7, 40.0)]
    [InlineData(4, 0, -100.0)]
    [InlineData(3, 3, 0.0)]
    [InlineData(3, 4, 33.3)]
    public void Urgency_trend_compares_this_weeks_high_urgency_leads_with_last_weeks(int lastWeek, int thisWeek, double? expected)
    {
        var accumulator = GrowthAccumulator.Empty(Now);
        for (var i = 0; i < lastWeek; i++)
        {
            accumulator.Apply(null, Lead(ThisMonday.AddDays(-3), "High"));
        }

        for (var i = 0; i < thisWeek; i++)
        {
            accumulator.Apply(null, Lead(ThisMonday.AddHours(i), "High"));
        }

        accumulator.Apply(null, Lead(ThisMonday.AddDays(-10), "Low")); // other urgencies never count

        Assert.Equal(expected is null ? null : (decimal)expected.Value, GrowthFigures.From(accumulator, Now).UrgencyTrendPercentage);
    }

    [Fact]
    public void Insights_are_written_in_english_and_in_french_with_french_typography()
    {
        var accumulator = GrowthAccumulator.Empty(Now);
        for (var i = 0; i < 5; i++)
        {
            accumulator.Apply(null, Lead(ThisMonday.AddDays(-2), "High", archived: true));
        }

        for (var i = 0; i < 7; i++)
        {
            accumulator.Apply(null, Lead(ThisMonday.AddHours(i), "High", converted: i >= 3));
        }

        var insights = GrowthFigures.From(accumulator, Now).Insights;

        Assert.Equal("Urgent leads up 40% this week; 3 high-urgency leads still open.", insights.En[0]);
        Assert.Equal("Prospects urgents en hausse de 40\u202F% cette semaine\u202F; 3 prospects à urgence élevée toujours ouverts.", insights.Fr[0]);
        Assert.Equal("Most common request: Pricing or quote request (100% of analysed leads).", insights.En[1]);
        Assert.Equal(
            "Demande la plus fréquente\u00A0: «\u00A0Demande de prix ou de soumission\u00A0» (100\u202F% des prospects analysés).", insights.Fr[1]);
        Assert.Equal(insights.En.Count, insights.Fr.Count);
        Assert.Contains("Prospects par langue\u00A0: 100\u202F% en anglais, 0\u202F% en français.", insights.Fr);
        Assert.Contains("75\u202F% des prospects ont été traités\u202F; score d’engagement 72,5/100.", insights.Fr);
        Assert.Contains("75% of leads were handled; engagement score 72.5/100.", insights.En);
    }

    [Fact]
    public void A_client_without_leads_gets_empty_figures_and_a_welcome_insight()
    {
        var report = GrowthFigures.From(GrowthAccumulator.Empty(Now), Now);

        Assert.Equal(0, report.TotalLeads);
        Assert.Empty(report.TopIntents);
        Assert.Null(report.UrgencyTrendPercentage);
        Assert.Null(report.SentimentScore);
        Assert.Null(report.AverageConfidence);
        Assert.Equal(new LanguageRatio(0, 0), report.LanguageRatio);
        Assert.Equal(0, report.EngagementScore);
        Assert.Equal(8, report.Weeks.Count);
        Assert.Single(report.Insights.En);
        Assert.StartsWith("Aucun prospect pour l’instant\u00A0:", report.Insights.Fr[0], StringComparison.Ordinal);
    }
}

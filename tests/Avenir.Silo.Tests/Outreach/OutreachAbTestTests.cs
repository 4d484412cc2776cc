using Avenir.Grains.Outreach.Experiments;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>
/// The outreach A/B decision with figures worked by hand: 60 vs 30 replies of 1,000 each give pooled p̂ = 0.045,
/// SE = √(0.045·0.955·0.002) = 0.0092709, z = 0.03 / SE = 3.2359, two-sided p = 0.00121; 35 vs 30 give z = 0.6305, p = 0.528.
/// </summary>
public sealed class OutreachAbTestTests
{
    private static readonly OutreachAbSettings Settings = new(OutreachAbMetric.ReplyRate, 0.05, 500);

    [Fact]
    public void A_significantly_higher_reply_rate_wins()
    {
        var decision = OutreachAbTest.Decide(new("A", 1000, 400, 50, 60), new("B", 1000, 420, 50, 30), Settings);

        Assert.Equal(OutreachAbOutcome.Winner, decision.Outcome);
        Assert.Equal("A", decision.Winner);
        Assert.Equal(3.2359, decision.Reply!.Z, 3);
        Assert.InRange(decision.Reply.PValue, 0.00115, 0.00127);
        Assert.Equal(0.06, decision.Reply.RateA, 10);
        Assert.Equal(0.03, decision.Reply.RateB, 10);
    }

    [Fact]
    public void The_better_arm_wins_whichever_side_it_is_on()
    {
        var decision = OutreachAbTest.Decide(new("subject-1", 1000, 0, 0, 30), new("subject-2", 1000, 0, 0, 60), Settings);

        Assert.Equal("subject-2", decision.Winner);
        Assert.Equal(-3.2359, decision.Reply!.Z, 3);
    }

    [Fact]
    public void A_small_difference_is_no_winner()
    {
        var decision = OutreachAbTest.Decide(new("A", 1000, 0, 0, 35), new("B", 1000, 0, 0, 30), Settings);

        Assert.Equal(OutreachAbOutcome.NoSignificantDifference, decision.Outcome);
        Assert.Null(decision.Winner);
        Assert.InRange(decision.Reply!.Z, 0.6300, 0.6310);
        Assert.InRange(decision.Reply.PValue, 0.52, 0.535);
    }

    [Fact]
    public void A_stricter_significance_refuses_the_same_figures()
    {
        var decision = OutreachAbTest.Decide(new("A", 1000, 0, 0, 60), new("B", 1000, 0, 0, 30), Settings with { Significance = 0.001 });

        Assert.Equal(OutreachAbOutcome.NoSignificantDifference, decision.Outcome);
        Assert.False(decision.Reply!.Significant);
    }

    [Fact]
    public void Below_the_minimum_sample_nothing_is_decided_however_large_the_difference()
    {
        var decision = OutreachAbTest.Decide(new("A", 499, 0, 0, 200), new("B", 5000, 0, 0, 10), Settings);

        Assert.Equal(OutreachAbOutcome.InsufficientSample, decision.Outcome);
        Assert.Null(decision.Winner);
        Assert.Null(decision.Reply);
        Assert.Contains("499", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Opens_never_decide()
    {
        var decision = OutreachAbTest.Decide(new("A", 1000, 900, 40, 30), new("B", 1000, 100, 40, 30), Settings);

        Assert.Equal(OutreachAbOutcome.NoSignificantDifference, decision.Outcome);
        Assert.Equal(0.9, decision.OpenRateA, 10);
        Assert.Equal(0.1, decision.OpenRateB, 10);
    }

    [Fact]
    public void The_click_rate_decides_only_when_configured_to()
    {
        var a = new OutreachArmCounts("A", 1000, 0, 60, 30);
        var b = new OutreachArmCounts("B", 1000, 0, 30, 30);

        Assert.Equal(OutreachAbOutcome.NoSignificantDifference, OutreachAbTest.Decide(a, b, Settings).Outcome);
        var byClicks = OutreachAbTest.Decide(a, b, Settings with { DecidingMetric = OutreachAbMetric.ClickRate });
        Assert.Equal("A", byClicks.Winner);
        Assert.True(byClicks.Click!.Significant);
        Assert.False(byClicks.Reply!.Significant);
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutreachAbTest.Decide(new("A", 10, 0, 0, 11), new("B", 10, 0, 0, 1), Settings));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => OutreachAbTest.Decide(new("A", 10, 0, 0, 1), new("B", 10, 0, 0, 1), Settings with { Significance = 1 }));
    }
}

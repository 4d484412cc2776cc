using Avenir.Grains.Prompts.Statistics;

namespace Avenir.Grains.Outreach.Experiments;

/// <summary>The counts of one arm (a template or a subject line) of an outreach A/B test.</summary>
/// <param name="Arm">The arm's id (template id, subject variant id).</param>
/// <param name="Delivered">Emails sent and not bounced: the sample.</param>
/// <param name="Opened">Emails whose pixel loaded. Reported, never decides: Apple Mail Privacy Protection and image proxies load every pixel.</param>
/// <param name="Clicked">Emails with at least one tracked click.</param>
/// <param name="Replied">Emails with a real reply (automatic replies excluded by the classifier).</param>
public sealed record OutreachArmCounts(string Arm, long Delivered, long Opened, long Clicked, long Replied);

/// <summary>The rate that decides a test.</summary>
public enum OutreachAbMetric
{
    ReplyRate,
    ClickRate,
}

/// <summary>How a test decides (stored with the test).</summary>
/// <param name="DecidingMetric">Reply rate by default: the outcome outreach is for.</param>
/// <param name="Significance">The two-sided α of the z-test.</param>
/// <param name="MinimumSamplePerArm">No decision before each arm has this many delivered emails.</param>
public sealed record OutreachAbSettings(
    OutreachAbMetric DecidingMetric = OutreachAbMetric.ReplyRate, double Significance = 0.05, long MinimumSamplePerArm = 200);

/// <summary>One metric compared between the arms.</summary>
public sealed record OutreachRateComparison(OutreachAbMetric Metric, double RateA, double RateB, double Z, double PValue, bool Significant);

/// <summary>Where a test stands.</summary>
public enum OutreachAbOutcome
{
    /// <summary>An arm has fewer delivered emails than the minimum: keep sending.</summary>
    InsufficientSample,

    /// <summary>Enough sample, no significant difference on the deciding metric (yet).</summary>
    NoSignificantDifference,

    /// <summary>The deciding metric differs significantly: <see cref="OutreachAbDecision.Winner"/> is set.</summary>
    Winner,
}

/// <summary>The decision, with both rates' comparisons and the open rates (for display only).</summary>
public sealed record OutreachAbDecision(
    OutreachAbOutcome Outcome,
    string? Winner,
    OutreachRateComparison? Reply,
    OutreachRateComparison? Click,
    double OpenRateA,
    double OpenRateB,
    string Reason);

/// <summary>
/// Decides a two-arm outreach test with the two-proportion z-test the prompt experiments use: a winner only when both
/// arms reached the minimum sample and the deciding rate differs at the configured significance. Opens never decide.
/// </summary>
public static class OutreachAbTest
{
    public static OutreachAbDecision Decide(OutreachArmCounts a, OutreachArmCounts b, OutreachAbSettings settings)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Significance is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Significance, "Significance lies strictly between 0 and 1.");
        }

        Validate(a);
        Validate(b);
        var openA = Rate(a.Opened, a.Delivered);
        var openB = Rate(b.Opened, b.Delivered);
        var minimum = Math.Max(1, settings.MinimumSamplePerArm);
        if (a.Delivered < minimum || b.Delivered < minimum)
        {
            return new OutreachAbDecision(OutreachAbOutcome.InsufficientSample, null, null, null, openA, openB,
                $"Each arm needs {minimum} delivered emails; {a.Arm} has {a.Delivered}, {b.Arm} has {b.Delivered}.");
        }

        var reply = Compare(OutreachAbMetric.ReplyRate, a.Replied, a.Delivered, b.Replied, b.Delivered, settings.Significance);
        var click = Compare(OutreachAbMetric.ClickRate, a.Clicked, a.Delivered, b.Clicked, b.Delivered, settings.Significance);
        var deciding = settings.DecidingMetric == OutreachAbMetric.ReplyRate ? reply : click;
        if (!deciding.Significant || deciding.RateA == deciding.RateB)
        {
            return new OutreachAbDecision(OutreachAbOutcome.NoSignificantDifference, null, reply, click, openA, openB,
                $"{deciding.Metric}: p = {deciding.PValue.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} "
                + $"is not below {settings.Significance.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var winner = deciding.RateA > deciding.RateB ? a.Arm : b.Arm;
        return new OutreachAbDecision(OutreachAbOutcome.Winner, winner, reply, click, openA, openB,
            $"{winner} wins on {deciding.Metric} (z = {deciding.Z.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}, "
            + $"p = {deciding.PValue.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}).");
    }

    private static OutreachRateComparison Compare(OutreachAbMetric metric, long successesA, long samplesA, long successesB, long samplesB, double significance)
    {
        var test = TwoProportionZTest.Run(successesA, samplesA, successesB, samplesB);
        return new OutreachRateComparison(metric, Rate(successesA, samplesA), Rate(successesB, samplesB), test.Z, test.PValue, test.PValue < significance);
    }

    private static double Rate(long successes, long samples) => samples == 0 ? 0 : (double)successes / samples;

    private static void Validate(OutreachArmCounts arm)
    {
        if (arm.Delivered < 0 || arm.Opened < 0 || arm.Clicked < 0 || arm.Replied < 0
            || arm.Opened > arm.Delivered || arm.Clicked > arm.Delivered || arm.Replied > arm.Delivered)
        {
            throw new ArgumentOutOfRangeException(nameof(arm), $"Arm {arm.Arm}: counts must lie between 0 and the delivered count.");
        }
    }
}

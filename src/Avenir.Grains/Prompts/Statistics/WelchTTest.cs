using MathNet.Numerics.Distributions;

namespace Avenir.Grains.Prompts.Statistics;

/// <summary>Welch's t statistic, its Welch–Satterthwaite degrees of freedom and two-sided p-value.</summary>
public sealed record WelchTTestResult(double T, double DegreesOfFreedom, double PValue);

/// <summary>
/// Welch's unequal-variances t-test (H0: μ1 = μ2) from summary statistics:
/// t = (m1 − m2) / √(s1²/n1 + s2²/n2), ν = (s1²/n1 + s2²/n2)² / ((s1²/n1)²/(n1 − 1) + (s2²/n2)²/(n2 − 1)),
/// p = 2 · (1 − F_ν(|t|)) with F_ν the Student t CDF (MathNet evaluates it through the regularized
/// incomplete beta function: 1 − F_ν(|t|) = ½ I_{ν/(ν+t²)}(ν/2, ½)).
/// </summary>
public static class WelchTTest
{
    /// <param name="variance1">Sample variance (n − 1 denominator) of group 1.</param>
    public static WelchTTestResult Run(double mean1, double variance1, long samples1, double mean2, double variance2, long samples2)
    {
        if (samples1 < 2 || samples2 < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(samples1), "Each group needs at least two observations.");
        }

        var share1 = Math.Max(0, variance1) / samples1;
        var share2 = Math.Max(0, variance2) / samples2;
        var standardError = Math.Sqrt(share1 + share2);
        if (standardError == 0)
        {
            // No spread in either group: the means are equal (no evidence) or differ with certainty.
            return mean1 == mean2
                ? new WelchTTestResult(0, samples1 + samples2 - 2, 1)
                : new WelchTTestResult(mean1 > mean2 ? double.PositiveInfinity : double.NegativeInfinity, samples1 + samples2 - 2, 0);
        }

        var t = (mean1 - mean2) / standardError;
        var degreesOfFreedom = (share1 + share2) * (share1 + share2)
            / (share1 * share1 / (samples1 - 1) + share2 * share2 / (samples2 - 1));
        var pValue = Math.Min(1, 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)));
        return new WelchTTestResult(t, degreesOfFreedom, pValue);
    }

    /// <summary>From raw observations (mean and n − 1 variance computed here).</summary>
    public static WelchTTestResult Run(IReadOnlyCollection<double> group1, IReadOnlyCollection<double> group2)
    {
        var (mean1, variance1) = MeanAndVariance(group1);
        var (mean2, variance2) = MeanAndVariance(group2);
        return Run(mean1, variance1, group1.Count, mean2, variance2, group2.Count);
    }

    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, variance);
    }
}

using MathNet.Numerics.Distributions;

namespace Avenir.Grains.Prompts.Statistics;

/// <summary>A z statistic and its two-sided p-value.</summary>
public sealed record ZTestResult(double Z, double PValue);

/// <summary>
/// The two-proportion z-test with the pooled standard error (H0: p1 = p2):
/// z = (p̂1 − p̂2) / √(p̂(1 − p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2) / (n1 + n2); p = 2(1 − Φ(|z|)).
/// </summary>
/// <remarks>
/// Distribution functions come from MathNet.Numerics rather than hand-written erfc / incomplete-beta code:
/// its implementations are tested to near machine precision, and a p-value that decides a promotion in
/// production is no place for a home-made special function.
/// </remarks>
public static class TwoProportionZTest
{
    public static ZTestResult Run(long successes1, long samples1, long successes2, long samples2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples2);
        if (successes1 < 0 || successes1 > samples1 || successes2 < 0 || successes2 > samples2)
        {
            throw new ArgumentOutOfRangeException(nameof(successes1), "Successes must lie between 0 and the sample size.");
        }

        var rate1 = (double)successes1 / samples1;
        var rate2 = (double)successes2 / samples2;
        var pooled = (double)(successes1 + successes2) / (samples1 + samples2);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / samples1 + 1.0 / samples2));
        if (standardError == 0)
        {
            // Both arms all-success or all-failure: the data carry no evidence of a difference.
            return new ZTestResult(0, 1);
        }

        var z = (rate1 - rate2) / standardError;
        return new ZTestResult(z, TwoSidedNormalP(z));
    }

    /// <summary>2(1 − Φ(|z|)), computed from the upper tail so that tiny p-values keep their precision.</summary>
    internal static double TwoSidedNormalP(double z) => Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
}

using MathNet.Numerics;

namespace Avenir.Grains.Prompts.Statistics;

/// <summary>A chi-square statistic with its degrees of freedom and upper-tail p-value.</summary>
public sealed record ChiSquareResult(double ChiSquare, int DegreesOfFreedom, double PValue);

/// <summary>
/// Pearson's chi-square test of independence for a 2×2 table (1 degree of freedom).
/// Without correction it equals the square of the pooled two-proportion z statistic (same p-value);
/// with Yates' continuity correction each |O − E| is reduced by 0.5 (never below 0), as scipy's
/// <c>chi2_contingency(correction=True)</c> and R's <c>chisq.test</c> do.
/// </summary>
public static class ChiSquareTest
{
    /// <param name="a">Row 1, column 1 (e.g. arm A successes).</param>
    /// <param name="b">Row 1, column 2 (arm A failures).</param>
    /// <param name="c">Row 2, column 1 (arm B successes).</param>
    /// <param name="d">Row 2, column 2 (arm B failures).</param>
    /// <param name="yatesCorrection">Apply Yates' continuity correction.</param>
    public static ChiSquareResult Independence2x2(long a, long b, long c, long d, bool yatesCorrection)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), "Counts cannot be negative.");
        }

        double[] observed = [a, b, c, d];
        double total = a + b + c + d;
        double row1 = a + b, row2 = c + d, column1 = a + c, column2 = b + d;
        if (row1 == 0 || row2 == 0 || column1 == 0 || column2 == 0)
        {
            // An empty margin: no variation to test.
            return new ChiSquareResult(0, 1, 1);
        }

        double[] expected = [row1 * column1 / total, row1 * column2 / total, row2 * column1 / total, row2 * column2 / total];
        var statistic = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var deviation = Math.Abs(observed[i] - expected[i]);
            if (yatesCorrection)
            {
                deviation = Math.Max(0, deviation - 0.5);
            }

            statistic += deviation * deviation / expected[i];
        }

        // Upper tail of χ²(1) as the regularized upper incomplete gamma Q(½, x/2): no 1 − CDF cancellation for large x.
        return new ChiSquareResult(statistic, 1, statistic > 0 ? SpecialFunctions.GammaUpperRegularized(0.5, statistic / 2) : 1);
    }
}

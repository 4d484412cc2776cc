using Avenir.Grains.Prompts.Statistics;

namespace Avenir.Silo.Tests.Prompts;

/// <summary>The A/B tests' statistics against published values (each test names its source).</summary>
public sealed class StatisticsTests
{
    /// <summary>
    /// Physicians' Health Study (Steering Committee, NEJM 1989), the classic 2×2 table of Agresti, "An Introduction
    /// to Categorical Data Analysis" (2nd ed., 2007), §2.2–2.4: myocardial infarction in 189 of 11,034 on placebo
    /// and 104 of 11,037 on aspirin. Published: difference of proportions 0.0077, Pearson X² = 25.01 (df 1),
    /// P-value &lt; 0.0001 — so z = √25.01 ≈ 5.00.
    /// </summary>
    [Fact]
    public void Two_proportion_z_test_matches_the_aspirin_study()
    {
        var result = TwoProportionZTest.Run(189, 11_034, 104, 11_037);

        Assert.Equal(5.00, result.Z, 2);
        Assert.Equal(25.01, result.Z * result.Z, 2);
        Assert.True(result.PValue < 0.0001, $"p = {result.PValue}");
        // Two normal tails just beyond z = 5 (Abramowitz & Stegun, ch. 26: Q(5) = 2.8665e-7).
        Assert.InRange(result.PValue, 5.6e-7, 5.8e-7);
    }

    /// <summary>
    /// OpenIntro Statistics (4th ed., 2019), §6.2.3, the mammogram trial: 500 deaths of 44,925 with mammograms,
    /// 505 of 44,910 without. Published (from rounded intermediate values): Z = −0.17, p-value = 0.8650. The
    /// unrounded statistic is −0.164, so the comparison allows the book's rounding.
    /// </summary>
    [Fact]
    public void Two_proportion_z_test_matches_the_mammogram_trial_within_the_books_rounding()
    {
        var result = TwoProportionZTest.Run(500, 44_925, 505, 44_910);

        Assert.InRange(result.Z, -0.175, -0.155);
        Assert.InRange(result.PValue, 0.86, 0.875);
    }

    /// <summary>
    /// SciPy's <c>chi2_contingency</c> reference example (aspirin and cardiovascular events in women, Ridker et al.,
    /// NEJM 2005): table [[176, 230], [21035, 21018]] with Yates' correction gives statistic 6.892569132546561 and
    /// p-value 0.008655478161175739.
    /// </summary>
    [Fact]
    public void Chi_square_with_yates_correction_matches_the_scipy_reference_example()
    {
        var result = ChiSquareTest.Independence2x2(176, 230, 21_035, 21_018, yatesCorrection: true);

        Assert.Equal(6.892569132546561, result.ChiSquare, 9);
        Assert.Equal(0.008655478161175739, result.PValue, 9);
        Assert.Equal(1, result.DegreesOfFreedom);
    }

    /// <summary>For a 2×2 table Pearson's X² (no correction) is the square of the pooled z statistic, with the same p-value.</summary>
    [Theory]
    [InlineData(189, 11_034, 104, 11_037)]
    [InlineData(500, 44_925, 505, 44_910)]
    [InlineData(45, 100, 62, 110)]
    [InlineData(3, 20, 9, 15)]
    public void Chi_square_without_correction_is_z_squared(long successes1, long samples1, long successes2, long samples2)
    {
        var z = TwoProportionZTest.Run(successes1, samples1, successes2, samples2);
        var chi = ChiSquareTest.Independence2x2(successes1, samples1 - successes1, successes2, samples2 - successes2, yatesCorrection: false);

        Assert.Equal(z.Z * z.Z, chi.ChiSquare, 9);
        Assert.Equal(z.PValue, chi.PValue, 9);
    }

    /// <summary>
    /// R's <c>t.test</c> (Welch by default) on ts1 = 11 9 10 11 10 12 9 11 12 9 and ts2 = 11 13 10 13 12 9 11 12 12 11,
    /// as printed in a published Cross Validated answer on Welch's confidence interval ("Welch Two Sample t-test:
    /// t = -1.8325, df = 17.9, p-value = 0.08356").
    /// </summary>
    [Fact]
    public void Welch_t_test_matches_the_published_r_output()
    {
        double[] ts1 = [11, 9, 10, 11, 10, 12, 9, 11, 12, 9];
        double[] ts2 = [11, 13, 10, 13, 12, 9, 11, 12, 12, 11];

        var result = WelchTTest.Run(ts1, ts2);

        Assert.Equal(-1.8325, result.T, 4);
        Assert.Equal(17.9, result.DegreesOfFreedom, 1);
        Assert.Equal(0.08356, result.PValue, 5);
    }

    /// <summary>From the summary statistics the same answer as from the observations (what the grain stores is sums).</summary>
    [Fact]
    public void Welch_t_test_from_summaries_equals_the_test_from_observations()
    {
        double[] a = [0.9, 1, 0.8, 1, 1, 0.6, 1];
        double[] b = [0.5, 0.7, 1, 0.4, 0.8, 0.9];
        var meanA = a.Average();
        var meanB = b.Average();

        var fromSummaries = WelchTTest.Run(meanA, a.Sum(x => (x - meanA) * (x - meanA)) / (a.Length - 1), a.Length,
            meanB, b.Sum(x => (x - meanB) * (x - meanB)) / (b.Length - 1), b.Length);

        Assert.Equal(WelchTTest.Run(a, b), fromSummaries);
    }

    [Fact]
    public void Identical_all_success_arms_carry_no_evidence()
    {
        Assert.Equal(1, TwoProportionZTest.Run(50, 50, 80, 80).PValue);
        Assert.Equal(1, WelchTTest.Run(1, 0, 50, 1, 0, 80).PValue);
    }
}

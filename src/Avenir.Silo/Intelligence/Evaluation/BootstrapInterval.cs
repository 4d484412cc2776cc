namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>A point estimate with its 95 % interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High)
{
    /// <summary>"0.871 [0.822, 0.915]".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Value:0.000} [{Low:0.000}, {High:0.000}]");
}

/// <summary>
/// Percentile bootstrap over leads: the metric is recomputed on leads drawn with replacement, and the
/// 2.5th and 97.5th percentiles bound it. Works for any metric (macro-F1 included, which has no
/// closed-form interval). Seeded, so a report is reproducible.
/// </summary>
public static class BootstrapInterval
{
    /// <summary>Resamples drawn per interval.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>The metric on <paramref name="items"/> and its 95 % percentile-bootstrap interval.</summary>
    public static Estimate Of(IReadOnlyList<int> items, Func<IReadOnlyList<int>, double> metric, int resamples = DefaultResamples, int seed = 2026)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(metric);
        var value = metric(items);
        if (items.Count == 0)
        {
            return new Estimate(value, value, value);
        }

        var random = new Random(seed);
        var values = new double[resamples];
        var sample = new int[items.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = items[random.Next(items.Count)];
            }

            values[r] = metric(sample);
        }

        Array.Sort(values);
        return new Estimate(value, Percentile(values, 0.025), Percentile(values, 0.975));
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}

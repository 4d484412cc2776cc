namespace Avenir.Infrastructure.Metrics;

/// <summary>
/// A sparse log-scale histogram for percentiles: bucket i holds values in [Base^(i-1), Base^i) (values ≤ 0 in
/// bucket <see cref="int.MinValue"/>), so a percentile read from it is within ±2.5 % of the true value whatever the
/// scale (0.1 ms or 60 s), in a few dozen buckets for a real latency distribution. Not thread-safe.
/// </summary>
internal sealed class MetricHistogram
{
    private const double Base = 1.05;
    private static readonly double LogBase = Math.Log(Base);
    private readonly Dictionary<int, long> buckets = [];

    public void Add(double value) => Add(BucketOf(value), 1);

    public void Merge(MetricHistogram other)
    {
        foreach (var (bucket, count) in other.buckets)
        {
            Add(bucket, count);
        }
    }

    /// <summary>The <paramref name="quantile"/> (0–1) of <paramref name="count"/> values, clamped to [min, max].</summary>
    public double Quantile(double quantile, long count, double min, double max)
    {
        if (count == 0)
        {
            return 0;
        }

        // Nearest rank: the smallest value with at least ⌈q·n⌉ values at or below it.
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        foreach (var (bucket, bucketCount) in buckets.OrderBy(b => b.Key))
        {
            seen += bucketCount;
            if (seen >= rank)
            {
                return Math.Clamp(Representative(bucket), min, max);
            }
        }

        return max;
    }

    private void Add(int bucket, long count) =>
        buckets[bucket] = buckets.TryGetValue(bucket, out var existing) ? existing + count : count;

    private static int BucketOf(double value) =>
        value <= 0 || double.IsNaN(value) ? int.MinValue : (int)Math.Ceiling(Math.Log(value) / LogBase);

    /// <summary>The geometric middle of the bucket: at most half a bucket (≈ 2.5 %) from any value in it.</summary>
    private static double Representative(int bucket) =>
        bucket == int.MinValue ? 0 : Math.Pow(Base, bucket - 0.5);
}

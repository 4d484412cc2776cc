namespace Avenir.Infrastructure.Metrics;

/// <summary>Count, sum, min, max, errors and a histogram of one key's values since the last flush. Not thread-safe.</summary>
internal sealed class MetricAccumulator
{
    private readonly MetricHistogram histogram = new();

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public long Errors { get; private set; }

    public void Add(double value, bool success)
    {
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (!success)
        {
            Errors++;
        }

        histogram.Add(value);
    }

    public void Merge(MetricAccumulator other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Errors += other.Errors;
        histogram.Merge(other.histogram);
    }

    public MetricAggregate ToAggregate(MetricKey key, DateTimeOffset from, DateTimeOffset to) => new(
        key, from, to, Count, Sum, Min, Max, Errors,
        histogram.Quantile(0.50, Count, Min, Max),
        histogram.Quantile(0.95, Count, Min, Max));
}

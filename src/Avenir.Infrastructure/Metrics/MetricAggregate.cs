namespace Avenir.Infrastructure.Metrics;

/// <summary>One key's figures over one flush interval: what becomes one <c>performance_metrics</c> row.</summary>
/// <param name="P50">Median, from a log-scale histogram (±2.5 %).</param>
/// <param name="P95">95th percentile, from the same histogram.</param>
public sealed record MetricAggregate(
    MetricKey Key, DateTimeOffset From, DateTimeOffset To, long Count, double Sum, double Min, double Max, long Errors, double P50, double P95)
{
    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>Share of values recorded as successful, 0–1.</summary>
    public double SuccessRate => Count == 0 ? 1 : (double)(Count - Errors) / Count;
}

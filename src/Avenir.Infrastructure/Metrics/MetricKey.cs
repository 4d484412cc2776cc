namespace Avenir.Infrastructure.Metrics;

/// <summary>
/// What one <c>performance_metrics</c> row per flush interval aggregates: an event type, a metric, the component
/// that measured it and the client it was for (null: system-wide). All snake_case, as the table's checks require.
/// </summary>
/// <param name="Unit"><c>ms</c>, <c>percent</c>, <c>count</c> or <c>score</c>; one metric always has one unit.</param>
public readonly record struct MetricKey(string EventType, string MetricName, string SourceComponent, Guid? ClientId, string Unit = MetricUnits.Milliseconds);

/// <summary>The units <c>performance_metrics.metric_unit</c> accepts.</summary>
public static class MetricUnits
{
    public const string Milliseconds = "ms";
    public const string Percent = "percent";
    public const string Count = "count";
    public const string Score = "score";
}

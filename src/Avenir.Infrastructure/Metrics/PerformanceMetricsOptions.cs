namespace Avenir.Infrastructure.Metrics;

/// <summary>Configuration section <c>PerformanceMetrics</c>.</summary>
public sealed class PerformanceMetricsOptions
{
    public const string Section = "PerformanceMetrics";

    /// <summary>How often the aggregates are written (one row per key per interval). Default 10 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
}

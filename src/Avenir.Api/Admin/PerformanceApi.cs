using Avenir.Api.Dashboard;

namespace Avenir.Api.Admin;

/// <summary>
/// <c>GET /api/admin/performance?hours=24[&amp;clientId=]</c>: the rows the in-process recorders wrote
/// (one per key per flush interval), merged into one series per (event type, metric, component) with time buckets.
/// Without <c>clientId</c>: every client's rows and the system-wide ones together; with it: that client's only.
/// Accuracy rows are served by <see cref="ModelAccuracyApi"/>.
/// </summary>
public static class PerformanceApi
{
    public const int DefaultHours = 24;
    public const int MaxHours = 720;

    /// <param name="BucketSeconds">
    /// Width of each point's bucket: 60 s up to 1 h, 300 s up to 6 h, 900 s up to 24 h, 3,600 s up to 7 days, else 21,600 s.
    /// </param>
    public sealed record PerformanceReport(DateTimeOffset From, DateTimeOffset To, Guid? ClientId, int BucketSeconds, IReadOnlyList<PerformanceSeries> Series);

    /// <param name="Count">Measurements over the period.</param>
    /// <param name="Mean">Count-weighted mean (ms for unit <c>ms</c>).</param>
    /// <param name="P95">Count-weighted mean of the intervals' p95 (percentiles cannot be merged exactly; close when intervals are alike).</param>
    /// <param name="SuccessRate">(count − errors) / count, 0–1.</param>
    public sealed record PerformanceSeries(
        string EventType, string MetricName, string SourceComponent, string Unit,
        long Count, double Mean, double P95, double Min, double Max, double SuccessRate, long ErrorCount,
        IReadOnlyList<PerformancePoint> Points);

    /// <param name="At">Start of the bucket.</param>
    public sealed record PerformancePoint(DateTimeOffset At, double Mean, long Count);

    public static async Task<Results<Ok<PerformanceReport>, ProblemHttpResult>> GetAsync(
        HttpContext http, MetricsQueries metrics, AdminClientQueries clients, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var hours = DefaultHours;
        if (query["hours"].ToString() is { Length: > 0 } asked
            && (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours is < 1 or > MaxHours))
        {
            return DashboardProblems.Invalid("invalid_parameter", "hours", $"hours is a whole number from 1 to {MaxHours}.");
        }

        Guid? clientId = null;
        if (query["clientId"].ToString() is { Length: > 0 } client)
        {
            if (!Guid.TryParse(client, out var parsed))
            {
                return DashboardProblems.Invalid("invalid_parameter", "clientId", $"'{DashboardCallerFilter.Truncate(client)}' is not a client id.");
            }

            clientId = parsed;
        }

        var to = time.GetUtcNow();
        var from = to.AddHours(-hours);
        var bucket = BucketSeconds(hours);
        if (clientId is { } id && !await clients.ExistsAsync(id, cancellationToken))
        {
            return DashboardProblems.NotFound("client");
        }

        var buckets = await metrics.BucketsAsync(from, to, clientId, bucket, cancellationToken);
        var series = buckets
            .GroupBy(b => (b.EventType, b.MetricName, b.SourceComponent, b.Unit))
            .OrderBy(g => g.Key.EventType, StringComparer.Ordinal)
            .ThenBy(g => g.Key.MetricName, StringComparer.Ordinal)
            .ThenBy(g => g.Key.SourceComponent, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Sum(b => b.Count);
                var errors = g.Sum(b => b.Errors);
                return new PerformanceSeries(g.Key.EventType, g.Key.MetricName, g.Key.SourceComponent, g.Key.Unit,
                    count, count == 0 ? 0 : g.Sum(b => b.Sum) / count, count == 0 ? 0 : g.Sum(b => b.P95Weighted) / count,
                    g.Min(b => b.Min), g.Max(b => b.Max), count == 0 ? 1 : (double)(count - errors) / count, errors,
                    [.. g.OrderBy(b => b.At).Select(b => new PerformancePoint(b.At, b.Count == 0 ? 0 : b.Sum / b.Count, b.Count))]);
            })
            .ToList();
        return TypedResults.Ok(new PerformanceReport(from, to, clientId, bucket, series));
    }

    private static int BucketSeconds(int hours) => hours switch
    {
        <= 1 => 60,
        <= 6 => 300,
        <= 24 => 900,
        <= 168 => 3600,
        _ => 21600,
    };
}

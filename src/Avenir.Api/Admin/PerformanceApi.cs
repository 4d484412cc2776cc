using System.Globalization;
using Avenir.Api.Dashboard;
using Avenir.Infrastructure.Database;
using Avenir.Infrastructure.Metrics;

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

    /// <param name="BucketSeconds">Width of each point's bucket: 60 s up to 1 h, 300 s up to 6 h, 900 s up to 24 h, 3,600 s up to 7 days, else 21,600 s.</param>
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

    public static async Task<IResult> GetAsync(HttpContext http, TenantDatabase database, TimeProvider time, CancellationToken cancellationToken)
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
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        if (clientId is { } id && !await ClientExistsAsync(transaction, id, cancellationToken))
        {
            return DashboardProblems.NotFound("client");
        }

        var buckets = await ReadBucketsAsync(transaction, from, to, clientId, bucket, cancellationToken);
        var series = buckets
            .GroupBy(b => (b.EventType, b.MetricName, b.SourceComponent, b.Unit))
            .OrderBy(g => g.Key.EventType, StringComparer.Ordinal).ThenBy(g => g.Key.MetricName, StringComparer.Ordinal).ThenBy(g => g.Key.SourceComponent, StringComparer.Ordinal)
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

    private static async Task<bool> ClientExistsAsync(TenantTransaction transaction, Guid clientId, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("SELECT EXISTS (SELECT 1 FROM clients WHERE client_id = $1)", clientId);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private sealed record Bucket(string EventType, string MetricName, string SourceComponent, string Unit, DateTimeOffset At,
        long Count, double Sum, double Min, double Max, double P95Weighted, long Errors);

    /// <summary>
    /// Rows grouped per key and bucket. A row's figures come from its metadata ({count, sum, min, max, p95}); a row
    /// without them (written one per measurement before the recorder existed) counts as one measurement of its value.
    /// </summary>
    private static async Task<List<Bucket>> ReadBucketsAsync(
        TenantTransaction transaction, DateTimeOffset from, DateTimeOffset to, Guid? clientId, int bucketSeconds, CancellationToken cancellationToken)
    {
        // Each form names its clients so the (client_id, recorded_at) index serves it.
        var scope = clientId is null ? "(client_id = ANY (ARRAY(SELECT client_id FROM clients)) OR client_id IS NULL)" : "client_id = $5";
        object?[] parameters = clientId is null
            ? [from, to, (double)bucketSeconds, PerformanceMetricNames.Accuracy]
            : [from, to, (double)bucketSeconds, PerformanceMetricNames.Accuracy, clientId.Value];
        await using var command = transaction.Command(
            $"""
            SELECT event_type, metric_name, source_component, metric_unit,
                   to_timestamp(floor(extract(epoch FROM recorded_at) / $3) * $3) AS at,
                   sum(n)::bigint, sum(metric_value * n), min(low), max(high), sum(p95 * n), sum(error_count)::bigint
              FROM (SELECT event_type, metric_name, source_component, metric_unit, recorded_at, metric_value, error_count,
                           coalesce((metadata ->> 'count')::bigint, 1) AS n,
                           coalesce((metadata ->> 'min')::float8, metric_value) AS low,
                           coalesce((metadata ->> 'max')::float8, metric_value) AS high,
                           coalesce((metadata ->> 'p95')::float8, metric_value) AS p95
                      FROM performance_metrics
                     WHERE {scope} AND recorded_at > $1 AND recorded_at <= $2 AND metric_name <> $4) AS r
             GROUP BY 1, 2, 3, 4, 5
            """,
            parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var buckets = new List<Bucket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add(new Bucket(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt64(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetInt64(10)));
        }

        return buckets;
    }
}

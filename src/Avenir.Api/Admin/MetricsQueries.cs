using Avenir.Infrastructure.Metrics;

namespace Avenir.Api.Admin;

/// <summary>
/// The admin reads of <c>performance_metrics</c> (system transactions): the recorders' interval rows in time buckets,
/// and the learning job's accuracy rows.
/// </summary>
public sealed class MetricsQueries(TenantDatabase database)
{
    /// <summary>One key's figures in one time bucket.</summary>
    public sealed record Bucket(string EventType, string MetricName, string SourceComponent, string Unit, DateTimeOffset At,
        long Count, double Sum, double Min, double Max, double P95Weighted, long Errors);

    /// <summary>The latest accuracy figure of a (model, field, day).</summary>
    public sealed record DayAccuracyRow(string Model, string Field, string Day, int Predictions, int Corrected);

    /// <summary>
    /// Rows grouped per key and bucket. A row's figures come from its metadata ({count, sum, min, max, p95}); a row
    /// without them (written one per measurement before the recorder existed) counts as one measurement of its value.
    /// Without <paramref name="clientId"/>: every client's rows and the system-wide ones; with it, that client's only.
    /// </summary>
    public async Task<IReadOnlyList<Bucket>> BucketsAsync(
        DateTimeOffset from, DateTimeOffset to, Guid? clientId, int bucketSeconds, CancellationToken cancellationToken)
    {
        // Each form names its clients so the (client_id, recorded_at) index serves it.
        var scope = clientId is null ? "(client_id = ANY (ARRAY(SELECT client_id FROM clients)) OR client_id IS NULL)" : "client_id = @clientId";
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<Bucket>(
            $"""
            SELECT event_type, metric_name, source_component, metric_unit AS unit,
                   to_timestamp(floor(extract(epoch FROM recorded_at) / @seconds) * @seconds) AS at,
                   sum(n)::bigint AS count, sum(metric_value * n) AS sum, min(low) AS min, max(high) AS max, sum(p95 * n) AS p95_weighted,
                   sum(error_count)::bigint AS errors
              FROM (SELECT event_type, metric_name, source_component, metric_unit, recorded_at, metric_value, error_count,
                           coalesce((metadata ->> 'count')::bigint, 1) AS n,
                           coalesce((metadata ->> 'min')::float8, metric_value) AS low,
                           coalesce((metadata ->> 'max')::float8, metric_value) AS high,
                           coalesce((metadata ->> 'p95')::float8, metric_value) AS p95
                      FROM performance_metrics
                     WHERE {scope} AND recorded_at > @from AND recorded_at <= @to AND metric_name <> @accuracy) AS r
             GROUP BY 1, 2, 3, 4, 5
            """,
            new { from, to, seconds = (double)bucketSeconds, accuracy = PerformanceMetricNames.Accuracy, clientId }, cancellationToken);
    }

    /// <summary>
    /// Accuracy rows are system-wide (client_id NULL); the latest row of a (model, field, day) is its current figure.
    /// Days are <c>yyyy-MM-dd</c>, <paramref name="from"/> and <paramref name="to"/> inclusive.
    /// </summary>
    public async Task<IReadOnlyList<DayAccuracyRow>> AccuracyAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<DayAccuracyRow>(
            """
            SELECT DISTINCT ON (metadata ->> 'model', metadata ->> 'field', metadata ->> 'day')
                   metadata ->> 'model' AS model, metadata ->> 'field' AS field, metadata ->> 'day' AS day,
                   (metadata ->> 'predictions')::int AS predictions, (metadata ->> 'corrected')::int AS corrected
              FROM performance_metrics
             WHERE client_id IS NULL AND source_component = @component AND event_type = @eventType AND metric_name = @metric
               AND metadata ->> 'day' BETWEEN @from AND @to
             ORDER BY metadata ->> 'model', metadata ->> 'field', metadata ->> 'day', recorded_at DESC, created_at DESC
            """,
            new
            {
                from,
                to,
                component = PerformanceMetricNames.IntelligenceEngine,
                eventType = PerformanceMetricNames.AiAnalysis,
                metric = PerformanceMetricNames.Accuracy,
            },
            cancellationToken);
    }
}

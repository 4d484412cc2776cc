using System.Text.Json;
using Avenir.Infrastructure.Database;

namespace Avenir.Infrastructure.Metrics;

/// <summary>The flusher's statement: one <c>performance_metrics</c> row per aggregate of one client (or system-wide), in one statement.</summary>
internal static class PerformanceMetricsRows
{
    public static Task<int> InsertAsync(
        TenantTransaction transaction, Guid? clientId, IReadOnlyList<MetricAggregate> rows, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO performance_metrics (event_type, metric_name, source_component, metric_unit, metric_value, response_time_ms,
                                             success_rate, error_count, metadata, client_id, recorded_at, created_at)
            SELECT e, m, s, u, v, r, round(sr::numeric, 3), ec, md::jsonb, @clientId, @recordedAt, @recordedAt
              FROM unnest(@events::text[], @metrics::text[], @components::text[], @units::text[], @values::float8[], @responseTimes::int[],
                          @successRates::float8[], @errors::int[], @metadata::text[])
                   AS t(e, m, s, u, v, r, sr, ec, md)
            """,
            new
            {
                events = Array(rows, r => r.Key.EventType),
                metrics = Array(rows, r => r.Key.MetricName),
                components = Array(rows, r => r.Key.SourceComponent),
                units = Array(rows, r => r.Key.Unit),
                values = Array(rows, r => r.Mean),
                responseTimes = Array(rows, r => r.Key.Unit == MetricUnits.Milliseconds ? (int?)Math.Min(int.MaxValue, Math.Round(Math.Max(0, r.Mean))) : null),
                successRates = Array(rows, r => r.SuccessRate),
                errors = Array(rows, r => (int)Math.Min(int.MaxValue, r.Errors)),
                metadata = Array(rows, Metadata),
                clientId,
                recordedAt = rows[0].To,
            },
            cancellationToken);

    /// <summary><c>{count, sum, min, max, p50, p95, from, to}</c>: the figures a mean alone would hide.</summary>
    private static string Metadata(MetricAggregate row) => JsonSerializer.Serialize(new
    {
        count = row.Count,
        sum = row.Sum,
        min = row.Min,
        max = row.Max,
        p50 = row.P50,
        p95 = row.P95,
        from = row.From,
        to = row.To,
    });

    private static T[] Array<T>(IReadOnlyList<MetricAggregate> rows, Func<MetricAggregate, T> select) => [.. rows.Select(select)];
}

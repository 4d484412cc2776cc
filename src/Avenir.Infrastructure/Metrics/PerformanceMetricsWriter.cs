using System.Text.Json;
using Avenir.Infrastructure.Database;
using NpgsqlTypes;

namespace Avenir.Infrastructure.Metrics;

/// <summary>
/// Writes aggregates to <c>performance_metrics</c>: one row per key, in one statement per client, each client's rows
/// under that client's row-level security scope and the system-wide ones (no client) as system.
/// </summary>
public sealed class PerformanceMetricsWriter(TenantDatabase database)
{
    /// <summary>Writes the rows; returns how many. A client whose rows fail does not stop the others (the first error is rethrown after).</summary>
    public async Task<int> WriteAsync(IReadOnlyList<MetricAggregate> aggregates, CancellationToken cancellationToken = default)
    {
        var written = 0;
        List<Exception>? failures = null;
        foreach (var group in aggregates.GroupBy(a => a.Key.ClientId))
        {
            try
            {
                written += await WriteGroupAsync(group.Key, [.. group], cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(exception);
            }
        }

        return failures is null ? written : throw new AggregateException($"{failures.Count} client group(s) of metrics could not be written.", failures);
    }

    private async Task<int> WriteGroupAsync(Guid? clientId, IReadOnlyList<MetricAggregate> rows, CancellationToken cancellationToken)
    {
        await using var transaction = clientId is { } client
            ? await database.BeginForClientAsync(client, cancellationToken)
            : await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(
            """
            INSERT INTO performance_metrics (event_type, metric_name, source_component, metric_unit, metric_value, response_time_ms,
                                             success_rate, error_count, metadata, client_id, recorded_at, created_at)
            SELECT e, m, s, u, v, r, round(sr::numeric, 3), ec, md, $10, $11, $11
              FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[], $7::float8[], $8::int[], $9::jsonb[])
                   AS t(e, m, s, u, v, r, sr, ec, md)
            """,
            Array(rows, r => r.Key.EventType), Array(rows, r => r.Key.MetricName), Array(rows, r => r.Key.SourceComponent),
            Array(rows, r => r.Key.Unit), Array(rows, r => r.Mean),
            Array(rows, r => r.Key.Unit == MetricUnits.Milliseconds ? (int?)Math.Min(int.MaxValue, Math.Round(Math.Max(0, r.Mean))) : null),
            Array(rows, r => r.SuccessRate), Array(rows, r => (int)Math.Min(int.MaxValue, r.Errors)),
            new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = rows.Select(Metadata).ToArray() },
            clientId, rows[0].To);
        var count = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

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

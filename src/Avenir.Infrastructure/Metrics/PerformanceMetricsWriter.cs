using Avenir.Infrastructure.Database;

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
        var count = await PerformanceMetricsRows.InsertAsync(transaction, clientId, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }
}

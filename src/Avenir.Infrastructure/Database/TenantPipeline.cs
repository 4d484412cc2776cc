using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// A tenant transaction sent in as few round trips as possible: <c>BEGIN</c> and the tenant scope
/// (<c>set_config(…, true)</c>, as in <see cref="TenantTransaction"/>) travel at the head of its first batch,
/// and <c>COMMIT</c> at the tail of its last one (<see cref="FinalBatch"/>). A transaction of two batches
/// thus costs two round trips, where <see cref="TenantTransaction"/> spends one more on the scope and one
/// more on the commit. The scope is still the transaction's first statement, so nothing runs outside it.
/// </summary>
/// <remarks>
/// A batch stops at its first failing statement (the rest, <c>COMMIT</c> included, is skipped), and
/// disposing the pipeline without a completed <see cref="FinalBatch"/> rolls back, so a failure never
/// leaves half a transaction committed.
/// </remarks>
public sealed class TenantPipeline(NpgsqlConnection connection, string setting, string value) : IAsyncDisposable
{
    private bool begun;
    private bool ended;

    /// <summary>The next batch; the first one opens the transaction and sets its tenant scope.</summary>
    public TenantBatch Batch()
    {
        if (ended)
        {
            throw new InvalidOperationException("The transaction has ended.");
        }

        var batch = new TenantBatch(connection, transaction: null);
        if (!begun)
        {
            batch.Add("BEGIN"); // returns no rows
            batch.AddHead(TenantScopeRows.SetScope, setting, value);
            begun = true;
        }

        return batch;
    }

    /// <summary>
    /// Runs <paramref name="batch"/> (from <see cref="Batch"/>) with <c>COMMIT</c> at its tail, and returns
    /// the first column of the first row of its first statement that returns rows (null when none does),
    /// or throws when any statement failed, the commit included.
    /// </summary>
    public async Task<object?> CommitWithAsync(TenantBatch batch, CancellationToken cancellationToken = default)
    {
        batch.Add("COMMIT");
        object? first = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                if (first is null && reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken))
                {
                    first = reader.GetValue(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken)); // every result read: errors, the commit's included, are thrown here
        }

        ended = true;
        return first;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (begun && !ended)
            {
                ended = true;
                // Outside a transaction (it failed before BEGIN took effect) this is a harmless warning.
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // A broken connection rolls back on its own; returning it to the pool resets it.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}

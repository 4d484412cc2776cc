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

    /// <summary>
    /// The tenant the statements added so far end under (the transaction's scope when they run in order); null once a
    /// statement set the scope per row (<see cref="ScopeSetPerRow"/>).
    /// </summary>
    private string? scope = value;

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
            batch.AddHead(TenantScopeRows.SetScope, setting, scope);
            begun = true;
        }

        return batch;
    }

    /// <summary>
    /// Makes the statements added to <paramref name="batch"/> after this one run under <paramref name="clientId"/>'s
    /// tenant scope, so one transaction can write the rows of several clients, each under its own client's
    /// row-level security (decision 0014): adds <c>set_config('avenir.client_id', …, true)</c> unless the
    /// transaction is already scoped to that client. Returns whether it added the statement, whose one result set
    /// (one row) the caller then skips. Statements run in order and a batch stops at its first failure, so a
    /// statement never runs under another client's scope than the one it was added under.
    /// </summary>
    public bool ScopeTo(TenantBatch batch, Guid clientId)
    {
        if (setting != TenantScopeRows.ClientSetting)
        {
            throw new InvalidOperationException("Only a client-scoped transaction changes client.");
        }

        var client = clientId.ToString();
        if (!begun || ended)
        {
            throw new InvalidOperationException("The transaction's first batch sets its first client; change client in a later statement.");
        }

        if (client == scope)
        {
            return false;
        }

        batch.Add(TenantScopeRows.SetScope, setting, client);
        scope = client;
        return true;
    }

    /// <summary>
    /// Records that a statement just added sets the tenant scope itself, per row (intake's multi-client statements, decision
    /// 0014's second pass), so the transaction's scope after it is whatever its last row set: the next <see cref="ScopeTo"/>
    /// always adds its scope statement.
    /// </summary>
    public void ScopeSetPerRow()
    {
        if (setting != TenantScopeRows.ClientSetting || !begun || ended)
        {
            throw new InvalidOperationException("Only a begun client-scoped transaction has statements that scope their rows.");
        }

        scope = null;
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

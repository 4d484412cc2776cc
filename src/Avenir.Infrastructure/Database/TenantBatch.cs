using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// Several statements sent to PostgreSQL in one round trip, inside the transaction's tenant scope.
/// Intake writes five rows per lead; one round trip instead of five is most of its latency.
/// </summary>
public sealed class TenantBatch(NpgsqlConnection connection, NpgsqlTransaction? transaction) : IAsyncDisposable
{
    private readonly NpgsqlBatch batch = new(connection, transaction);

    /// <summary>Whether to prepare the statements on the connection before running them (<see cref="Prepared"/>).</summary>
    private bool prepare;

    /// <summary>Result sets at the head of the batch that its caller did not ask for (a <see cref="TenantPipeline"/>'s scope).</summary>
    private int headResults;

    /// <summary>Adds a statement; parameters are positional as in <see cref="TenantTransaction.Command"/>.</summary>
    public TenantBatch Add(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
        return this;
    }

    /// <summary>
    /// Has the statements prepared on the physical connection before they run: Npgsql keeps them prepared
    /// there, so a batch of the same statements sent again on that connection skips PostgreSQL's parsing and
    /// planning. For hot statements of fixed text only (intake's): every distinct text stays prepared on every connection.
    /// </summary>
    public TenantBatch Prepared()
    {
        prepare = true;
        return this;
    }

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await PrepareIfAskedAsync(cancellationToken);
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the batch and reads its results, one result set per statement that returns rows (<c>NextResultAsync</c> between them).</summary>
    public async Task<NpgsqlDataReader> ExecuteReaderAsync(CancellationToken cancellationToken = default)
    {
        await PrepareIfAskedAsync(cancellationToken);
        var reader = await batch.ExecuteReaderAsync(cancellationToken);
        try
        {
            for (var i = 0; i < headResults; i++)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a statement at the head of the batch whose one result set the caller will not see.</summary>
    internal TenantBatch AddHead(string sql, params object?[] parameters)
    {
        Add(sql, parameters);
        headResults++;
        return this;
    }

    public ValueTask DisposeAsync() => batch.DisposeAsync();

    private async Task PrepareIfAskedAsync(CancellationToken cancellationToken)
    {
        if (prepare)
        {
            await batch.PrepareAsync(cancellationToken);
        }
    }
}

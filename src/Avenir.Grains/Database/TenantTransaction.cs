using Npgsql;

namespace Avenir.Grains.Database;

/// <summary>
/// An open transaction with its tenant scope set. Disposing without <see cref="CommitAsync"/> rolls back,
/// so a failure half-way through a command never leaves a half-written row.
/// </summary>
public sealed class TenantTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    /// <summary>
    /// Creates a command bound to this transaction; parameters are positional (<c>$1</c>, <c>$2</c>…).
    /// Pass an <see cref="NpgsqlParameter"/> where the value alone does not say the type (jsonb, null).
    /// </summary>
    public NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Starts a batch of statements sent in one round trip.</summary>
    public TenantBatch Batch() => new(connection, transaction);

    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}

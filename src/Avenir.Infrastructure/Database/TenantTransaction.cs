using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// An open transaction with its tenant scope set. Statements take named parameters (<c>@clientId</c>) from an
/// object's members and map rows to objects by column name (<see cref="SqlMapping"/>). Disposing without
/// <see cref="CommitAsync"/> rolls back, so a failure half-way through a command never leaves a half-written row.
/// </summary>
public sealed class TenantTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    /// <summary>The rows of <paramref name="sql"/>, each mapped to a <typeparamref name="T"/> by column name.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        [.. await connection.QueryAsync<T>(Definition(sql, parameters, cancellationToken))];

    /// <summary>The one row of <paramref name="sql"/>, or default when there is none (more than one is an error).</summary>
    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        connection.QuerySingleOrDefaultAsync<T>(Definition(sql, parameters, cancellationToken));

    /// <summary>The one row of <paramref name="sql"/> (none or more than one is an error).</summary>
    public Task<T> QuerySingleAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        connection.QuerySingleAsync<T>(Definition(sql, parameters, cancellationToken));

    /// <summary>Runs <paramref name="sql"/>; returns the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(Definition(sql, parameters, cancellationToken));

    /// <summary>The first column of the first row of <paramref name="sql"/>, or default when there is none.</summary>
    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        connection.ExecuteScalarAsync<T>(Definition(sql, parameters, cancellationToken));

    /// <summary>The rows of <paramref name="sql"/> one by one as they arrive (an export: never all in memory at once).</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, object? parameters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql, parameters, transaction).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Several result sets of one round trip (<c>ReadAsync&lt;T&gt;</c> each in order); dispose it before the next statement.</summary>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        connection.QueryMultipleAsync(Definition(sql, parameters, cancellationToken));

    /// <summary>Starts a batch of positional statements sent in one round trip (the hand-tuned intake path).</summary>
    public TenantBatch Batch() => new(connection, transaction);

    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private CommandDefinition Definition(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}

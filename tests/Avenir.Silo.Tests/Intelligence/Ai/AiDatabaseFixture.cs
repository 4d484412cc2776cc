using System.Security.Cryptography;
using Avenir.Grains.Database;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Intelligence.Ai;

/// <summary>A migrated database of its own per test class (V20/V21 seeds included) with owner-side helpers.</summary>
public sealed class AiDatabaseFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateMigratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs SQL as the owner (no row-level security) and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Adds a client row (prompt_performance.client_id references clients).</summary>
    public async Task<Guid> CreateClientAsync()
    {
        var id = Guid.NewGuid();
        await ScalarAsync(
            "INSERT INTO clients (client_id, api_key_hash, api_key_prefix, business_name, email, is_test) VALUES ($1, $2, 'avk_test', 'AI test client', $3, true)",
            id, Convert.ToHexStringLower(SHA256.HashData(id.ToByteArray())), $"ai-{id:N}@example.com");
        return id;
    }
}

using System.Security.Cryptography;
using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Testing;

/// <summary>
/// SQL as the database owner (no row-level security), for tests that arrange rows the application role could not
/// write directly or that read back what the grains wrote. Parameters are positional (<c>$1</c>…); pass an
/// <see cref="NpgsqlParameter"/> to fix a type, <c>null</c> for SQL NULL.
/// </summary>
public static class OwnerSql
{
    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row (null for none or NULL).</summary>
    public static async Task<object?> ScalarAsync(DatabaseSettings database, string sql, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Adds a test client row directly (tables referencing clients need one); returns its client id.</summary>
    public static async Task<Guid> CreateClientAsync(DatabaseSettings database, string label)
    {
        var id = Guid.NewGuid();
        await ScalarAsync(database,
            "INSERT INTO clients (client_id, api_key_hash, api_key_prefix, business_name, email, is_test) VALUES ($1, $2, 'avk_test', $3, $4, true)",
            id,
            Convert.ToHexStringLower(SHA256.HashData(id.ToByteArray())),
            $"{label} test client",
            $"{label.ToLowerInvariant().Replace(' ', '-')}-{id:N}@example.com");
        return id;
    }
}

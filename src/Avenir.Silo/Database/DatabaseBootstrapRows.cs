using Dapper;
using Npgsql;

namespace Avenir.Silo.Database;

/// <summary>
/// The owner's statements that run before the migrations can: on the server's maintenance database (does the target
/// exist, create it) and on the cluster-wide application role (its login password).
/// </summary>
internal static class DatabaseBootstrapRows
{
    public static async Task<bool> DatabaseExistsAsync(NpgsqlConnection maintenance, string databaseName, CancellationToken cancellationToken) =>
        await maintenance.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT 1 FROM pg_database WHERE datname = @databaseName", new { databaseName }, cancellationToken: cancellationToken)) is not null;

    /// <summary>CREATE DATABASE takes no bind parameter: the name is quoted as an identifier.</summary>
    public static Task CreateDatabaseAsync(NpgsqlConnection maintenance, string databaseName, CancellationToken cancellationToken) =>
        maintenance.ExecuteAsync(new CommandDefinition(
            $"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken: cancellationToken));

    /// <summary>DDL takes no bind parameters: format() quotes the role and the password on the server, then the statement runs.</summary>
    public static async Task SetLoginPasswordAsync(NpgsqlConnection owner, string role, string password, CancellationToken cancellationToken)
    {
        var statement = await owner.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', @role::text, @password::text)",
            new { role, password },
            cancellationToken: cancellationToken));
        await owner.ExecuteAsync(new CommandDefinition(statement!, cancellationToken: cancellationToken));
    }
}

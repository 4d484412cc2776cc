using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Testing;

/// <summary>
/// An outage of one test database, as a restarting server looks from outside: open sessions are cut and new ones
/// refused (SQLSTATE 55000), until allowed again. Run from the maintenance database, since a closed database refuses
/// even its owner.
/// </summary>
public static class ConnectionGate
{
    public static async Task SetAllowedAsync(DatabaseSettings settings, bool allowed)
    {
        var owner = new NpgsqlConnectionStringBuilder(settings.OwnerConnectionString);
        var database = owner.Database!;
        owner.Database = "postgres";
        owner.Pooling = false;
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (allowed)
        {
            NpgsqlConnection.ClearAllPools(); // the pooled connections of this process were cut too
            return;
        }

        await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        await cut.ExecuteScalarAsync();
    }
}

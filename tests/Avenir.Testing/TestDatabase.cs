using Avenir.Infrastructure.Database;
using Avenir.Silo.Database;
using Avenir.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Avenir.Testing;

/// <summary>A fresh database on the shared test server, migrated exactly as a silo migrates at start-up.</summary>
public static class TestDatabase
{
    public const string ApplicationPassword = "test-application-password";

    // Roles are cluster-wide: V40's ALTER ROLE / GRANT on the shared application roles, run by two databases' migrations
    // at once on this process's one server, can fail with "tuple concurrently updated" (Evolve then reports only its
    // lock release). Evolve's advisory lock is per database, so the tests, which migrate many databases on one server,
    // migrate one at a time; production migrates one database, under that lock.
    private static readonly SemaphoreSlim MigrationGate = new(1, 1);

    /// <summary>Creates and migrates a database; returns its settings (owner and application-role connections).</summary>
    public static async Task<DatabaseSettings> CreateMigratedAsync()
    {
        var settings = await CreateEmptyAsync();
        await MigrationGate.WaitAsync();
        try
        {
            await DatabaseMigrator.MigrateAsync(settings, NullLogger.Instance);
        }
        finally
        {
            MigrationGate.Release();
        }

        return settings;
    }

    /// <summary>Creates an empty database (not migrated).</summary>
    public static async Task<DatabaseSettings> CreateEmptyAsync()
    {
        var server = await SharedPostgres.GetAsync();
        var owner = await server.CreateDatabaseAsync();
        var application = new NpgsqlConnectionStringBuilder(owner)
        {
            Username = DatabaseSettings.DefaultApplicationRole,
            Password = ApplicationPassword,
        };
        return new DatabaseSettings(owner, application.ConnectionString, DatabaseSettings.DefaultApplicationRole, ApplicationPassword);
    }
}

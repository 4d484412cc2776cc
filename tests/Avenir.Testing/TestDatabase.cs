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

    /// <summary>Creates and migrates a database; returns its settings (owner and application-role connections).</summary>
    public static async Task<DatabaseSettings> CreateMigratedAsync()
    {
        var settings = await CreateEmptyAsync();
        await DatabaseMigrator.MigrateAsync(settings, NullLogger.Instance);
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

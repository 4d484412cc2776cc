using EvolveDb;
using Npgsql;

namespace Avenir.Silo.Database;

/// <summary>
/// Brings the database to the current schema at silo start-up: creates the database if it is missing,
/// applies the versioned SQL in <c>Database/Migrations</c> (Orleans' tables first, then Avenir's), and
/// gives the application role its login. Safe when several silos start at once: Evolve holds a
/// PostgreSQL advisory lock while it migrates, and each script runs once, in its own transaction.
/// </summary>
public static class DatabaseMigrator
{
    private const string MigrationsNamespace = "Avenir.Silo.Database.Migrations";

    public static async Task MigrateAsync(DatabaseSettings settings, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!settings.CanMigrate)
        {
            throw new InvalidOperationException($"Migrating needs the owner's connection (ConnectionStrings:{DatabaseSettings.ConnectionName}).");
        }

        await EnsureDatabaseExistsAsync(settings.OwnerConnectionString, logger, cancellationToken);

        await using (var connection = new NpgsqlConnection(settings.OwnerConnectionString))
        {
            var evolve = new Evolve(connection, message => logger.LogDebug("Evolve: {Message}", message))
            {
                EmbeddedResourceAssemblies = [typeof(DatabaseMigrator).Assembly],
                EmbeddedResourceFilters = [MigrationsNamespace],
                IsEraseDisabled = true,
                EnableClusterMode = true,
                CommandTimeout = 300,
                Placeholders = new Dictionary<string, string> { ["${app_role}"] = settings.ApplicationRole },
            };
            evolve.Migrate();
            logger.LogInformation("Database migrated: {Applied} migration(s) applied in {Elapsed} ms", evolve.NbMigration, evolve.TotalTimeElapsedInMs);
        }

        if (settings.ApplicationPassword is not null)
        {
            await SetApplicationLoginAsync(settings, cancellationToken);
        }
    }

    private static async Task EnsureDatabaseExistsAsync(string ownerConnectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        var databaseName = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege)
        {
            return; // a managed database without a maintenance database to reach: the target must already exist
        }

        if (await DatabaseBootstrapRows.DatabaseExistsAsync(connection, databaseName, cancellationToken))
        {
            return;
        }

        try
        {
            await DatabaseBootstrapRows.CreateDatabaseAsync(connection, databaseName, cancellationToken);
            logger.LogInformation("Created database {Database}", databaseName);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // another silo created it at the same moment
        }
    }

    private static async Task SetApplicationLoginAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A fresh connection per attempt: a failed ALTER ROLE can leave the previous one broken.
                await using var connection = new NpgsqlConnection(settings.OwnerConnectionString);
                await connection.OpenAsync(cancellationToken);

                await DatabaseBootstrapRows.SetLoginPasswordAsync(connection, settings.ApplicationRole, settings.ApplicationPassword!, cancellationToken);
                return;
            }
            catch (NpgsqlException exception) when (attempt < 10 && exception is not PostgresException { SqlState: not PostgresErrorCodes.InternalError })
            {
                // "tuple concurrently updated" (XX000): the role is cluster-wide, and another silo (or another
                // database on the same server) set its login at the same moment. Same statement: try again.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }
}

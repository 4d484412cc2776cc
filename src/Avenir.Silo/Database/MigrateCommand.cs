namespace Avenir.Silo.Database;

/// <summary><c>Avenir.Silo migrate</c>: applies the migrations with the owner's connection, then exits (0 on success).</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Avenir.Migrate");
        try
        {
            await DatabaseMigrator.MigrateAsync(DatabaseSettings.From(builder.Configuration), logger);
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException or EvolveDb.EvolveException)
        {
            logger.LogCritical(exception, "Migration failed");
            return 1;
        }
    }
}

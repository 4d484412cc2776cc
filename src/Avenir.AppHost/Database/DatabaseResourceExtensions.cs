using Avenir.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Avenir.AppHost.Database;

/// <summary>Adds Avenir's PostgreSQL database, choosing where it comes from (see <see cref="DatabaseChoice"/>).</summary>
internal static class DatabaseResourceExtensions
{
    /// <summary>The connection name every service reads: <c>ConnectionStrings:avenirdb</c>.</summary>
    public const string ConnectionName = "avenirdb";

    private const string DatabaseName = "avenir";

    /// <summary>
    /// The database resource, or null (after saying why) when no PostgreSQL can be had: the AppHost then
    /// exits non-zero instead of waiting forever for a database that will never come.
    /// </summary>
    public static async Task<IResourceBuilder<IResourceWithConnectionString>?> AddAvenirDatabaseAsync(this IDistributedApplicationBuilder builder)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("Avenir.AppHost.Database");

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            logger.LogInformation("PostgreSQL: using the configured connection string ConnectionStrings:{Name}", ConnectionName);
            return builder.AddExternalDatabase();
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        if (!builder.Configuration.GetValue("Postgres:DisableContainer", false)
            && await ContainerRuntimeProbe.IsHealthyAsync(runtime, TimeSpan.FromSeconds(5)))
        {
            logger.LogInformation("PostgreSQL: container runtime '{Runtime}' answered; using a PostgreSQL container", runtime);
            var server = builder.AddPostgres("postgres").WithDataVolume("avenir-postgres-data").WithLifetime(ContainerLifetime.Session);
            return server.AddDatabase(ConnectionName, DatabaseName);
        }

        var local = LocalPostgresServer.Find(builder.Configuration);
        if (local is null)
        {
            logger.LogCritical(
                "PostgreSQL: none available. Set ConnectionStrings:{Name}, start a container runtime, "
                + "or install the PostgreSQL server (e.g. apt-get install postgresql).",
                ConnectionName);
            return null;
        }

        logger.LogInformation("PostgreSQL: no container runtime answered; running the local server from {Bin} with data in {Data} on port {Port}",
            local.BinDirectory, local.DataDirectory, local.Port);
        return await builder.AddLocalServerAsync(local);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddExternalDatabase(this IDistributedApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)!;
        const string healthCheck = "avenirdb-reachable";
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: healthCheck);
        var resource = builder.AddConnectionString(ConnectionName);
        return resource.WithHealthCheck(healthCheck);
    }

    private static async Task<IResourceBuilder<IResourceWithConnectionString>> AddLocalServerAsync(
        this IDistributedApplicationBuilder builder, LocalPostgresServer local)
    {
        var password = await local.EnsureInitializedAsync();
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = local.Port,
            Username = "postgres",
            Password = password,
            Database = DatabaseName,
        };

        // The health check asks the maintenance database: ours is created by the silo's migrator.
        const string healthCheck = "postgres-accepting-connections";
        var maintenance = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = "postgres" };
        builder.Services.AddHealthChecks().AddNpgSql(maintenance.ConnectionString, name: healthCheck);

        var (command, arguments) = local.ServerCommand();
        var resource = new LocalPostgresResource(ConnectionName, command, local.Root, connection.ConnectionString);
        return builder.AddResource(resource)
            .WithArgs(arguments)
            .WithEndpoint(port: local.Port, targetPort: local.Port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck);
    }
}

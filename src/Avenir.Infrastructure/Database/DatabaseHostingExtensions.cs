using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Avenir.Infrastructure.Database;

/// <summary>The one way a host (the API, a silo) connects to PostgreSQL: as the application role, through <see cref="TenantDatabase"/>.</summary>
public static class DatabaseHostingExtensions
{
    /// <summary>
    /// Registers the application role's data source (Aspire's Npgsql integration: health check, tracing, metrics) and the
    /// <see cref="TenantDatabase"/> every statement goes through. The owner's connection is only for the migrator.
    /// </summary>
    public static IHostApplicationBuilder AddAvenirDatabase(this IHostApplicationBuilder builder, DatabaseSettings database)
    {
        builder.AddNpgsqlDataSource(DatabaseSettings.ConnectionName, settings => settings.ConnectionString = database.ApplicationConnectionString);
        builder.Services.AddSingleton<TenantDatabase>();
        return builder;
    }
}

using Avenir.Infrastructure.Database;
using Orleans.Configuration;

namespace Avenir.Api.Hosting;

/// <summary>The API's connections: PostgreSQL as the application role, and the Orleans cluster as a client.</summary>
public static class ApiHostingExtensions
{
    public static IHostApplicationBuilder AddAvenirDatabase(this IHostApplicationBuilder builder, DatabaseSettings database)
    {
        builder.AddNpgsqlDataSource(DatabaseSettings.ConnectionName, settings => settings.ConnectionString = database.ApplicationConnectionString);
        builder.Services.AddSingleton<TenantDatabase>();
        return builder;
    }

    /// <summary>Finds the silos' gateways through the same membership table the silos write.</summary>
    public static IHostApplicationBuilder AddAvenirClusterClient(this IHostApplicationBuilder builder, DatabaseSettings database)
    {
        var orleans = builder.Configuration.GetSection("Orleans");
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = orleans["ClusterId"] ?? "avenir-dev";
                options.ServiceId = orleans["ServiceId"] ?? "avenir";
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = database.ApplicationConnectionString;
            });
        });
        return builder;
    }
}

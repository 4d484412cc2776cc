using Orleans.Configuration;

namespace Avenir.Api.Hosting;

/// <summary>The API's connection to the Orleans cluster, as a client (PostgreSQL: <see cref="DatabaseHostingExtensions.AddAvenirDatabase"/>).</summary>
public static class ApiHostingExtensions
{
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
            client.UseAvenirClusterTls(builder.Configuration);
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = database.ApplicationConnectionString;
            });
        });
        return builder;
    }
}

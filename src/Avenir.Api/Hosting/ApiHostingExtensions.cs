using Orleans.Configuration;

namespace Avenir.Api.Hosting;

/// <summary>The API's connection to the Orleans cluster, as a client (PostgreSQL: <see cref="DatabaseHostingExtensions.AddAvenirDatabase"/>).</summary>
public static class ApiHostingExtensions
{
    /// <summary>
    /// How long the API waits for a grain call (Orleans' default is 30 s). A call in flight to a silo that dies gets no
    /// answer at all, only this timeout: 5 s leaves room in <see cref="ClusterCallBudget.Budget"/> to retry it on a live
    /// silo, and every other request answers (a 503 at worst) before a client's 10 s of patience run out. Calls that
    /// legitimately take longer say so on their interface method (<c>[ResponseTimeout]</c>, e.g. the growth recompute).
    /// </summary>
    public static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(5);

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
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = GrainCallTimeout);
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = database.ApplicationConnectionString;
            });
        });
        return builder;
    }
}

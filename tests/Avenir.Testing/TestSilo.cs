using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Avenir.Testing;

/// <summary>
/// A silo configured exactly as <c>Avenir.Silo</c> configures itself (<see cref="SiloHostingExtensions.AddAvenirSilo"/>):
/// ADO.NET membership, grain storage and reminders on PostgreSQL, real TCP silo and gateway ports.
/// Several of them with one cluster id form a real cluster that clients find through the membership table.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private TestSilo(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    /// <param name="clock">The silo's <see cref="TimeProvider"/>; a new <see cref="TestClock"/> (never today's date) when not given.</param>
    /// <param name="settings">Configuration beside the test's own (e.g. <c>Orleans:Tls:*</c>).</param>
    public static async Task<TestSilo> StartAsync(
        DatabaseSettings database, string clusterId, Action<IHostApplicationBuilder>? configure = null, TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = AvenirTestCluster.ServiceId,
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:Endpoints:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.ApplicationConnectionString));
        builder.Services.AddSingleton<TenantDatabase>();
        builder.AddAvenirSilo(database);
        builder.Services.AddSingleton(clock ?? new TestClock());
        builder.Services.Configure<ClusterMembershipOptions>(options =>
        {
            // Tests stop silos on purpose; detect that in seconds rather than the production minute.
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 2;
        });
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>A graceful stop: the silo leaves the cluster and hands its grains over.</summary>
    public Task StopAsync() => host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>An Orleans client that finds the cluster's gateways in the membership table, as the API does.</summary>
    public static async Task<IHost> StartClientAsync(
        DatabaseSettings database, string clusterId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.UseOrleansClient(client =>
        {
            client.UseAvenirClusterTls(builder.Configuration);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = AvenirTestCluster.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = database.ApplicationConnectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

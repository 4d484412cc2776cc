using Avenir.Grains.Database;
using Avenir.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster wired exactly like production: ADO.NET membership, grain storage and
/// reminders on a real PostgreSQL, and grains writing their rows through the application role.
/// </summary>
public static class AvenirTestCluster
{
    /// <summary>Pinned like production: grain state rows are keyed by the service id, so a restarted cluster finds them.</summary>
    public const string ServiceId = "avenir-tests";

    public static InProcessTestCluster Build(DatabaseSettings database, short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => silo.AddAvenirProviders(database.ApplicationConnectionString));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.ApplicationConnectionString));
            host.Services.AddSingleton<TenantDatabase>();
        });
        builder.ConfigureClient(client => client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = database.ApplicationConnectionString;
        }));
        builder.ConfigureHost(host => host.Services.Configure<ClusterMembershipOptions>(options =>
        {
            // Tests stop silos on purpose; detect that in seconds rather than the production minute.
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 2;
        }));
        return builder.Build();
    }
}

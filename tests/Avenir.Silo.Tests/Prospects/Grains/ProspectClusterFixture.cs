using Avenir.Infrastructure.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Prospects.Grains;

/// <summary>A migrated database and a one-silo cluster with prospecting registered as the silo registers it (<c>AddProspects</c>).</summary>
public sealed class ProspectClusterFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TestClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        Cluster = AvenirTestCluster.Build(Database, clock: Clock,
            services: services => services.AddProspects(new ConfigurationBuilder().Build()));
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ProspectClusterCollection : ICollectionFixture<ProspectClusterFixture>
{
    public const string Name = "prospect grains on PostgreSQL";
}

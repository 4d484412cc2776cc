using Avenir.Infrastructure.Database;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Infrastructure;

/// <summary>
/// One migrated database and one single-silo cluster, shared by the tests of a collection. The grains read
/// <see cref="Clock"/>: a fixed calendar the tests may move, never today's date.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TestClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        Cluster = AvenirTestCluster.Build(Database, clock: Clock);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster on PostgreSQL";
}

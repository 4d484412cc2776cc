using Avenir.Grains.Clients;
using Avenir.Grains.Clients.Contracts;
using Avenir.Silo.Tests.Infrastructure;
using Orleans.Runtime;

namespace Avenir.Silo.Tests.Grains;

public sealed class MultiSiloTests
{
    [Fact]
    public async Task Two_silos_form_one_cluster_and_grain_state_survives_stopping_the_silo_that_hosted_it()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var cluster = AvenirTestCluster.Build(database, silos: 2);
        await cluster.DeployAsync();
        Assert.Equal(2, cluster.GetActiveSilos().Count());

        var clients = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            var clientId = await TestClients.RegisterAsync(cluster.Client, $"Client {i}");
            await cluster.Client.GetGrain<IClientGrain>(clientId).RecordLeadReceivedAsync(DateTimeOffset.UnixEpoch.AddDays(i + 1));
            clients.Add(clientId);
        }

        // Stop the silo hosting the most client grains, so their state must come back from PostgreSQL.
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var statistics = (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(ClientGrain), StringComparison.Ordinal));
        var busiest = statistics.GroupBy(s => s.SiloAddress).OrderByDescending(g => g.Count()).First();
        Assert.NotEmpty(busiest);
        var victim = cluster.GetActiveSilos().Single(silo => silo.SiloAddress.Equals(busiest.Key));
        await cluster.StopSiloAsync(victim);

        Assert.Single(cluster.GetActiveSilos());
        for (var i = 0; i < clients.Count; i++)
        {
            var client = cluster.Client.GetGrain<IClientGrain>(clients[i]);
            Assert.Equal($"Client {i}", (await client.GetProfileAsync())?.BusinessName);
            Assert.Equal(1, (await client.GetStatsAsync()).LeadsReceived);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(i + 1), (await client.GetStatsAsync()).LastLeadAt);
        }
    }
}

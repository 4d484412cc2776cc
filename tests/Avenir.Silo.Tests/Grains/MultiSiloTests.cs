using Avenir.Grains.Clients;
using Avenir.Contracts.Clients;
using Avenir.Contracts.Leads;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Avenir.Silo.Tests.Grains;

/// <summary>Real silos (the production silo configuration, TCP, ADO.NET membership on PostgreSQL).</summary>
public sealed class MultiSiloTests
{
    [Fact]
    public async Task Two_silos_form_one_cluster_through_the_membership_table_and_state_survives_stopping_the_silo_that_hosted_it()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clusterId = TestSilo.NewClusterId();
        await using var first = await TestSilo.StartAsync(database, clusterId);
        await using var second = await TestSilo.StartAsync(database, clusterId);
        using var clientHost = await TestSilo.StartClientAsync(database, clusterId);
        var grains = clientHost.Services.GetRequiredService<IClusterClient>();

        var management = grains.GetGrain<IManagementGrain>(0);
        var active = await management.GetHosts(onlyActive: true);
        Assert.Equal(2, active.Count);

        var clients = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            var clientId = await TestClients.RegisterAsync(grains, $"Client {i}");
            await grains.GetGrain<IClientGrain>(clientId).RecordLeadsCreatedAsync([new LeadStatus { ReceivedAt = DateTimeOffset.UnixEpoch.AddDays(i + 1) }]);
            clients.Add(clientId);
        }

        // Stop the silo hosting the most client grains, so their state must come back from PostgreSQL.
        var statistics = (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(ClientGrain), StringComparison.Ordinal));
        var busiest = statistics.GroupBy(s => s.SiloAddress).OrderByDescending(g => g.Count()).First().Key;
        var victim = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(busiest) ? first : second;
        await victim.StopAsync();

        Assert.Single(await management.GetHosts(onlyActive: true));
        for (var i = 0; i < clients.Count; i++)
        {
            var client = grains.GetGrain<IClientGrain>(clients[i]);
            var profile = await client.GetProfileAsync();
            Assert.Equal($"Client {i}", profile?.BusinessName);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(i + 1), profile?.LastConnection); // written by the grain's flush when its silo stopped
            Assert.Equal(1, (await client.GetGrowthAsync())!.TotalLeads); // the accumulator, from grain state
        }
    }
}

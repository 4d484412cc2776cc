using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Contracts.Leads;

namespace Avenir.Silo.Tests.Grains;

public sealed class ClusterRestartTests
{
    [Fact]
    public async Task Client_lead_and_live_counters_are_read_back_after_a_full_cluster_restart()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clientId = Guid.NewGuid();
        DateTimeOffset receivedAt;
        Guid leadId;

        await using (var first = AvenirTestCluster.Build(database))
        {
            await first.DeployAsync();
            await first.Client.GetGrain<IClientGrain>(clientId).RegisterAsync(TestClients.Registration("Garage Lavoie"));
            leadId = await TestLeads.SubmitAsync(
                first.Client, clientId, TestLeads.Submission("Mon char fait un bruit bizarre, pouvez-vous le regarder cette semaine?", "Luc"));
            receivedAt = (await first.Client.GetLeadGrain(clientId, leadId).GetAsync())!.CreatedAt;
            await first.StopAllSilosAsync();
        }

        await using var second = AvenirTestCluster.Build(database);
        await second.DeployAsync();

        var client = second.Client.GetGrain<IClientGrain>(clientId);
        var profile = await client.GetProfileAsync();
        var lead = await second.Client.GetLeadGrain(clientId, leadId).GetAsync();
        var stats = await client.GetDashboardStatsAsync();
        var growth = (await client.GetGrowthAsync())!;
        Assert.Equal("Garage Lavoie", profile?.BusinessName);
        Assert.Equal(receivedAt, profile?.LastConnection);
        Assert.Equal("Mon char fait un bruit bizarre, pouvez-vous le regarder cette semaine?", lead?.Message);
        Assert.Equal(1, stats.Total);
        Assert.Equal(receivedAt, stats.LastLeadAt);
        Assert.Equal((GrowthBrainReport.IncrementalSource, 1L), (growth.Source, growth.TotalLeads)); // the accumulator came back from grain state
    }
}

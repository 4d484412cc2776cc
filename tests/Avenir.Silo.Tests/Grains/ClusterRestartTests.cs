using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Contracts.Leads;
using Avenir.Silo.Tests.Infrastructure;

namespace Avenir.Silo.Tests.Grains;

public sealed class ClusterRestartTests
{
    [Fact]
    public async Task Client_lead_and_live_counters_are_read_back_after_a_full_cluster_restart()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clientId = Guid.NewGuid();
        var leadId = Guid.NewGuid();
        var receivedAt = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

        await using (var first = AvenirTestCluster.Build(database))
        {
            await first.DeployAsync();
            await first.Client.GetGrain<IClientGrain>(clientId).RegisterAsync(TestClients.Registration("Garage Lavoie"));
            await first.Client.GetLeadGrain(clientId, leadId).CreateAsync(new LeadSubmission
            {
                Name = "Luc",
                Email = "luc@example.ca",
                Message = "Mon char fait un bruit bizarre, pouvez-vous le regarder cette semaine?",
            });
            await first.Client.GetGrain<IClientGrain>(clientId).RecordLeadCreatedAsync(new LeadFacts { ReceivedAt = receivedAt });
            await first.Client.GetGrain<IClientGrain>(clientId).GetStatsAsync(); // the one-way call above has been processed
            await first.StopAllSilosAsync();
        }

        await using var second = AvenirTestCluster.Build(database);
        await second.DeployAsync();

        var profile = await second.Client.GetGrain<IClientGrain>(clientId).GetProfileAsync();
        var lead = await second.Client.GetLeadGrain(clientId, leadId).GetAsync();
        var stats = await second.Client.GetGrain<IClientGrain>(clientId).GetStatsAsync();
        Assert.Equal("Garage Lavoie", profile?.BusinessName);
        Assert.Equal(receivedAt, profile?.LastConnection);
        Assert.Equal("Mon char fait un bruit bizarre, pouvez-vous le regarder cette semaine?", lead?.Message);
        Assert.Equal(1, stats.LeadsReceived);
        Assert.Equal(receivedAt, stats.LastLeadAt);
    }
}

using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Contracts.Leads;

namespace Avenir.Silo.Tests.Growth;

public sealed class GrowthStateTests
{
    [Fact]
    public async Task The_accumulator_is_grain_state_read_back_after_a_full_cluster_restart()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clientId = Guid.NewGuid();
        Guid leadId;
        GrowthBrainReport before;

        await using (var first = AvenirTestCluster.Build(database))
        {
            await first.DeployAsync();
            await first.Client.GetGrain<IClientGrain>(clientId).RegisterAsync(TestClients.Registration("Garage Lavoie"));
            leadId = await TestLeads.SubmitAsync(first.Client, clientId, TestLeads.Submission("Mon char fait un bruit", "Luc", language: "fr"));
            var lead = first.Client.GetLeadGrain(clientId, leadId);
            await lead.ApplyEnrichmentAsync(new LeadEnrichment
            {
                JobId = Guid.NewGuid(),
                Language = "fr",
                Intent = "appointment_booking",
                Tone = "Friendly",
                Urgency = "Medium",
                Confidence = 0.77m,
                Summary = "Bruit",
                Model = "test-model-1",
            });
            await lead.TagAsync("Warm", "owner@example.ca");
            before = (await first.Client.GetGrain<IClientGrain>(clientId).GetGrowthAsync())!;
            await first.StopAllSilosAsync(); // deactivation writes the state
        }

        await using var second = AvenirTestCluster.Build(database);
        await second.DeployAsync();
        var after = (await second.Client.GetGrain<IClientGrain>(clientId).GetGrowthAsync())!;

        Assert.Equal("incremental", after.Source); // read back, not recomputed on activation
        GrowthTestLeads.AssertSameFigures(before, after);
        Assert.Equal((1L, 0.77m), (after.TotalLeads, after.AverageConfidence));
    }
}

using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Growth;

/// <summary>
/// Without <c>Ai:Provider</c> the silo leaves <see cref="GrowthInsightOptions.LlmWritesInsights"/> off: "refresh now" is the recompute alone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrowthRefreshWithoutLlmTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Refresh_without_an_llm_recomputes_with_the_rules_and_enqueues_no_job()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        await GrowthTestLeads.InsertAsync(fixture.Database.OwnerConnectionString, clientId,
            new GrowthTestLeads.Row(fixture.Clock.GetUtcNow().AddMinutes(-1), "en", "pricing_quote", "High"));

        var report = (await fixture.Grains.GetGrain<IClientGrain>(clientId).RefreshGrowthAsync())!;

        Assert.Equal((GrowthBrainReport.RecomputeSource, 1L, GrowthBrainReport.RulesInsights), (report.Source, report.TotalLeads, report.InsightsSource));
        Assert.Null(report.InsightsModel);
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM queue_jobs WHERE payload->>'clientId' = $1", connection)
        {
            Parameters = { new() { Value = clientId.ToString() } },
        };
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}

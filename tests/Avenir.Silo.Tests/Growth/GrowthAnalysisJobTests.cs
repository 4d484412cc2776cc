using Avenir.Contracts.Clients;
using Avenir.Silo.Growth;
using Avenir.Silo.Tests.Infrastructure;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Silo.Tests.Growth;

/// <summary>The weekly recompute: one <c>intelligence_analysis</c> job per client per UTC ISO week, run by the job queue.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrowthAnalysisJobTests(ClusterFixture fixture)
{
    private async Task<long> ScalarAsync(string sql, params object[] parameters) =>
        Convert.ToInt64(await OwnerSql.ScalarAsync(fixture.Database, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_client_gets_one_analysis_job_a_week_and_the_job_recomputes_and_publishes_its_figures()
    {
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString, services =>
        {
            services.AddSingleton(fixture.Grains);
            services.AddGrowthAnalysis();
        });
        var scheduler = harness.Services.GetRequiredService<GrowthAnalysisScheduler>();
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        await GrowthTestLeads.InsertAsync(
            fixture.Database.OwnerConnectionString, clientId, new GrowthTestLeads.Row(harness.Time.GetUtcNow().AddDays(-1), "fr", "pricing_quote", "High"));
        const string JobsOfClient = "SELECT count(*) FROM queue_jobs WHERE job_type = 'intelligence_analysis' AND payload->>'clientId' = $1";

        await scheduler.EnqueueThisWeekAsync();
        Assert.Equal(0, await scheduler.EnqueueThisWeekAsync()); // the same week again: every job already exists
        Assert.Equal(1, await ScalarAsync(JobsOfClient, clientId.ToString()));
        Assert.Equal(1, await ScalarAsync(
            "SELECT count(*) FROM queue_jobs WHERE dedupe_key = $1", GrowthAnalysisScheduler.DedupeKey(clientId, harness.Time.GetUtcNow())));
        harness.Time.Advance(TimeSpan.FromDays(7));
        await scheduler.EnqueueThisWeekAsync();
        Assert.Equal(2, await ScalarAsync(JobsOfClient, clientId.ToString()));

        while (await harness.RunUntilIdleAsync(GrowthAnalysisJobHandler.Type) > 0)
        {
        }

        Assert.Equal(2, await ScalarAsync(JobsOfClient + " AND status = 'completed'", clientId.ToString()));
        Assert.Equal(1, await ScalarAsync("SELECT total_leads FROM growth_brain WHERE client_id = $1", clientId));
        var live = (await fixture.Grains.GetGrain<IClientGrain>(clientId).GetGrowthAsync())!;
        Assert.Equal(("recompute", 1L, 1L), (live.Source, live.TotalLeads, live.OpenHighUrgency));
    }
}

using Avenir.Infrastructure.Database;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Tests.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Growth;

/// <summary>
/// A migrated database and a one-silo cluster as <see cref="AvenirTestCluster"/> builds it, configured as a silo with an
/// LLM configures itself for the growth insights (<see cref="GrowthInsightOptions.LlmWritesInsights"/>), whose grains
/// read a <see cref="TestClock"/> the tests move forward.
/// </summary>
public sealed class GrowthInsightsFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TestClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        Cluster = AvenirTestCluster.Build(Database, clock: Clock, services: services =>
        {
            services.Configure<GrowthInsightOptions>(options => options.LlmWritesInsights = true);
        });
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Runs SQL as the owner (no row-level security) and returns the first column of the first row.</summary>
    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => OwnerSql.ScalarAsync(Database, sql, parameters);

    /// <summary>A registered client with three leads received today (two urgent, one in French).</summary>
    public async Task<Guid> ClientWithLeadsAsync()
    {
        var clientId = await TestClients.RegisterAsync(Grains);
        var today = Clock.GetUtcNow().AddMinutes(-5);
        await GrowthTestLeads.InsertAsync(
            Database.OwnerConnectionString, clientId, new GrowthTestLeads.Row(today, "en", "pricing_quote", "High", "Professional", 0.90m));
        await GrowthTestLeads.InsertAsync(
            Database.OwnerConnectionString, clientId, new GrowthTestLeads.Row(today, "fr", "pricing_quote", "High", "Frustrated", 0.70m));
        await GrowthTestLeads.InsertAsync(
            Database.OwnerConnectionString, clientId, new GrowthTestLeads.Row(today, "en", "demo_request", "Low", "Friendly", 0.80m));
        return clientId;
    }

    /// <summary>The <c>intelligence_analysis</c> jobs of a client.</summary>
    public async Task<long> AnalysisJobsAsync(Guid clientId) =>
        (long)(await ScalarAsync(
            "SELECT count(*) FROM queue_jobs WHERE job_type = 'intelligence_analysis' AND payload->>'clientId' = $1", clientId.ToString()))!;
}

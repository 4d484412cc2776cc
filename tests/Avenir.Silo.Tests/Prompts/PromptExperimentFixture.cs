using Avenir.Infrastructure.Database;
using Avenir.Grains.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Prompts;

/// <summary>
/// A migrated database and a one-silo cluster configured as <see cref="AvenirTestCluster"/> (grain storage and reminders
/// on PostgreSQL), whose grains read a <see cref="TestClock"/> the tests move forward, and a registry cache that
/// counts its invalidations. Owner-side helpers seed registry variants and draft tests.
/// </summary>
public sealed class PromptExperimentFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TestClock Clock { get; } = new();

    public CountingRegistryCache RegistryCache { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        Cluster = AvenirTestCluster.Build(Database, clock: Clock, services: services =>
        {
            services.AddSingleton<IPromptRegistryCache>(RegistryCache);
        });
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Two variants of a new prompt in English: v1 active (the control), v2 inactive, derived from v1.</summary>
    public async Task<(string Control, string Treatment)> SeedPromptAsync(string promptName)
    {
        await ExecuteAsync(
            """
            INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active, metadata)
            VALUES ($1, 1, $1 || '.en.v1', 'Classify the lead.', 'en', true, '{}'),
                   ($1, 2, $1 || '.en.v2', 'Classify the lead, carefully.', 'en', false,
                    jsonb_build_object('parentVariantId', $1 || '.en.v1', 'evolutionType', 'mutation'))
            """,
            promptName);
        return ($"{promptName}.en.v1", $"{promptName}.en.v2");
    }

    /// <summary>A draft test between v1 and v2 of <paramref name="promptName"/>.</summary>
    public async Task<Guid> CreateDraftAsync(string promptName, decimal controlPercentage = 50, int minSampleSize = 100, int maxDurationDays = 7,
        decimal significanceLevel = 0.05m)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO prompt_ab_tests (id, test_name, prompt_name, control_variant_id, treatment_variant_id,
                control_traffic_percentage, treatment_traffic_percentage, min_sample_size, max_duration_days, significance_level)
            VALUES ($1, $2, $3, $3 || '.en.v1', $3 || '.en.v2', $4, 100 - $4, $5, $6, $7)
            """,
            id, $"{promptName} test {id:N}", promptName, controlPercentage, minSampleSize, maxDurationDays, significanceLevel);
        return id;
    }

    /// <summary>Runs SQL as the owner (no row-level security) and returns the first column of the first row.</summary>
    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => OwnerSql.ScalarAsync(Database, sql, parameters);

    public Task ExecuteAsync(string sql, params object?[] parameters) => ScalarAsync(sql, parameters);

    /// <summary>Adds a client row (prompt_performance.client_id references clients).</summary>
    public Task<Guid> CreateClientAsync() => OwnerSql.CreateClientAsync(Database, "Prompt");
}

public sealed class CountingRegistryCache : IPromptRegistryCache
{
    private int invalidations;

    public int Invalidations => Volatile.Read(ref invalidations);

    public void Invalidate() => Interlocked.Increment(ref invalidations);
}

[CollectionDefinition(Name)]
public sealed class PromptExperimentCollection : ICollectionFixture<PromptExperimentFixture>
{
    public const string Name = "Prompt experiments on an Orleans cluster";
}

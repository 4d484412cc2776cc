using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Silo.Intelligence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>
/// A database, an Orleans cluster on it and a real SMTP server, for the lead jobs (enrichment, auto-reply).
/// The workers run in the test (a <see cref="JobHarness"/> per test, on its own fake clock) and call the grains
/// through the cluster's client, as the silo's workers call them in production. The cluster's clock stands still,
/// so leads and their jobs are stamped with the instant each harness starts at: their jobs are due at once.
/// </summary>
public sealed class LeadPipelineFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestMailServer Mail { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The cluster's clock: still, at <see cref="TestClock.DefaultOrigin"/>.</summary>
    public TestClock Clock { get; } = new(moves: false);

    public async Task InitializeAsync()
    {
        Mail = new TestMailServer();
        Database = await TestDatabase.CreateMigratedAsync();
        Cluster = AvenirTestCluster.Build(Database, clock: Clock);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Mail.DisposeAsync();
    }

    /// <summary>The job services with both lead handlers, the test engine, SMTP to <see cref="Mail"/> and the performance recorder.</summary>
    public JobHarness Harness(FixedEnrichmentEngine engine) =>
        new(Database.ApplicationConnectionString, services =>
        {
            services.AddSingleton(Grains);
            services.AddSingleton<ILeadEnrichmentEngine>(engine);
            JobHarness.UseMailServer(services, Mail);
            services.AddLeadEnrichmentJob();
            services.AddAutoReply();
            services.AddPerformanceMetrics(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), flusher: false);
        }, start: Clock.GetUtcNow());

    public async Task<Guid> RegisterClientAsync(string language, string tone, bool aiPersonalizedReply = true, string name = "Clinique Dentaire Soleil")
    {
        var clientId = Guid.NewGuid();
        await Grains.GetGrain<IClientGrain>(clientId).RegisterAsync(TestClients.Registration(name, language) with
        {
            EmailTone = tone,
            AiPersonalizedReply = aiPersonalizedReply,
            BookingLink = "https://cal.example.com/soleil/rdv",
        });
        return clientId;
    }

    /// <summary>Submits a lead through intake, which stores it and queues its two jobs (dedupe key = lead id).</summary>
    public async Task<(Guid LeadId, string Email)> CreateLeadAsync(Guid clientId, string message, string name = "Marie Tremblay")
    {
        var email = $"lead-{Guid.NewGuid():N}@example.ca";
        var leadId = await TestLeads.SubmitAsync(Grains, clientId, TestLeads.Submission(message, name, email));
        return (leadId, email);
    }

    /// <summary>
    /// Leaves the lead only its enrichment job, with one attempt: its failure is final at once, and no auto-reply job is
    /// left for another test's workers.
    /// </summary>
    public async Task<Guid> SingleAttemptEnrichmentAsync(Guid leadId)
    {
        await ScalarAsync("DELETE FROM queue_jobs WHERE job_type = $1 AND dedupe_key = $2", JobTypes.LeadAutoReply, leadId.ToString());
        await ScalarAsync("UPDATE queue_jobs SET max_attempts = 1 WHERE job_type = $1 AND dedupe_key = $2", JobTypes.LeadEnrichment, leadId.ToString());
        return await JobIdAsync(JobTypes.LeadEnrichment, leadId);
    }

    public async Task<Guid> JobIdAsync(string jobType, Guid leadId) =>
        (Guid)(await ScalarAsync("SELECT id FROM queue_jobs WHERE job_type = $1 AND dedupe_key = $2", jobType, leadId.ToString()))!;

    /// <summary>Runs a statement as the owner (no row-level security) and returns its first value.</summary>
    public async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}

[CollectionDefinition(Name)]
public sealed class LeadPipelineCollection : ICollectionFixture<LeadPipelineFixture>
{
    public const string Name = "Lead jobs on a cluster with SMTP";
}

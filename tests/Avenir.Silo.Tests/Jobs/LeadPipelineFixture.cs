using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Jobs;
using Avenir.Grains.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>
/// A database, an Orleans cluster on it and a real SMTP server, for the lead jobs (enrichment, auto-reply).
/// The workers run in the test (a <see cref="JobHarness"/> per test, on its own fake clock) and call the grains
/// through the cluster's client, as the silo's workers call them in production.
/// </summary>
public sealed class LeadPipelineFixture : IAsyncLifetime
{
    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestMailServer Mail { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Mail = new TestMailServer();
        Database = await TestDatabase.CreateMigratedAsync();
        Cluster = AvenirTestCluster.Build(Database);
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
        });

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

    /// <summary>Stores a lead and queues its two jobs as intake does (dedupe key = lead id).</summary>
    public async Task<(Guid LeadId, string Email)> CreateLeadAsync(JobHarness harness, Guid clientId, string message, string name = "Marie Tremblay")
    {
        var leadId = Guid.NewGuid();
        var email = $"lead-{leadId:N}@example.ca";
        await Grains.GetLeadGrain(clientId, leadId).CreateAsync(new LeadSubmission { Name = name, Email = email, Message = message });
        var payload = new LeadJobPayload(clientId, leadId);
        await harness.Queue.EnqueueAsync(JobTypes.LeadEnrichment, payload, harness.Time.GetUtcNow(), leadId.ToString());
        await harness.Queue.EnqueueAsync(JobTypes.LeadAutoReply, payload, harness.Time.GetUtcNow(), leadId.ToString());
        return (leadId, email);
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

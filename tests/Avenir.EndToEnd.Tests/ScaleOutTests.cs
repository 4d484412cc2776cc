using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Avenir.Testing.Stack;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Avenir.EndToEnd.Tests.LeadTraffic;

namespace Avenir.EndToEnd.Tests;

/// <summary>
/// Past one machine (issue 13, docs/deployment.md): three silos as separate processes on 127.0.0.2–.4 with the same
/// ports, as if on three hosts, joined only through the membership table in PostgreSQL. Under a steady load a silo is
/// added (a spare started) and one removed (stopped), and no acknowledged lead is lost or doubled.
/// </summary>
public sealed class ScaleOutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_silo_added_and_one_removed_under_load_lose_nothing_and_the_silos_meet_only_through_the_database()
    {
        var stack = new AvenirStack();
        try
        {
            using var deadline = new CancellationTokenSource(Deadline);
            await using var app = await stack.BuildAsync(["--silo-hosts=distinct", "--spare-silos=1"], silos: 3, deadline.Token);
            await app.StartAsync(deadline.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", deadline.Token);
            var connectionString = await app.GetConnectionStringAsync("avenirdb", deadline.Token)
                ?? throw new InvalidOperationException("no connection string");
            using var api = app.CreateHttpClient("api");
            var acknowledged = new AcknowledgedLeads();
            using var stopPosting = new CancellationTokenSource();
            var posting = Task.WhenAll(Enumerable.Range(0, 3).Select(worker => PostLeadsAsync(api, worker, acknowledged, stopPosting.Token)));
            await acknowledged.WaitForAsync(20, deadline.Token);
            Assert.Equal(["127.0.0.2", "127.0.0.3"], await ActiveSiloAddressesAsync(connectionString));

            // Added: the spare joins the running cluster.
            var commands = app.Services.GetRequiredService<ResourceCommandService>();
            var started = await commands.ExecuteCommandAsync("silo-2", KnownResourceCommands.StartCommand, deadline.Token);
            Assert.True(started.Success, started.Message);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("silo-2", deadline.Token);
            await WaitUntilAsync(async () => (await ActiveSiloAddressesAsync(connectionString)).Count == 3, deadline.Token);
            Assert.Equal(["127.0.0.2", "127.0.0.3", "127.0.0.4"], await ActiveSiloAddressesAsync(connectionString));
            var beforeRemoval = acknowledged.Count;
            await acknowledged.WaitForAsync(beforeRemoval + 20, deadline.Token);

            // Removed: the first silo is asked to stop (SIGTERM, as an orchestrator does): it leaves the membership table
            // and its grains and jobs move to the others.
            ProcessTree.Terminate(ResourceProcess.Pid(app, "silo-0"));
            await WaitUntilAsync(async () => (await ActiveSiloAddressesAsync(connectionString)).Count == 2, deadline.Token);
            Assert.Equal(["127.0.0.3", "127.0.0.4"], await ActiveSiloAddressesAsync(connectionString));
            var afterRemoval = acknowledged.Count;
            await acknowledged.WaitForAsync(afterRemoval + 20, deadline.Token);
            await stopPosting.CancelAsync();
            await posting;

            // Every acknowledged lead is stored exactly once and both of its jobs complete once, on whichever silo.
            var ids = acknowledged.Ids;
            await AssertStoredOnceWithBothJobsCompletedAsync(connectionString, ids, deadline.Token);
        }
        finally
        {
            stack.DeleteData();
        }
    }

    /// <summary>The addresses of the silos the membership table holds as active (status 3), sorted.</summary>
    private static async Task<List<string>> ActiveSiloAddressesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT address FROM orleansmembershiptable WHERE status = 3 ORDER BY address", connection);
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Avenir.Testing.Stack;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Avenir.EndToEnd.Tests.LeadTraffic;

namespace Avenir.EndToEnd.Tests;

/// <summary>"A lead acknowledged with 2xx survives any crash": the silo is killed while leads arrive and jobs run.</summary>
public sealed class CrashTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Killing_the_silo_mid_traffic_loses_no_acknowledged_lead_and_every_job_completes_exactly_once()
    {
        var stack = new AvenirStack();
        try
        {
            using var deadline = new CancellationTokenSource(Deadline);
            await using var app = await stack.StartAsync(cancellationToken: deadline.Token);
            using var api = app.CreateHttpClient("api");
            var acknowledged = new AcknowledgedLeads();
            using var stopPosting = new CancellationTokenSource();
            var posting = Task.WhenAll(Enumerable.Range(0, 3).Select(worker => PostLeadsAsync(api, worker, acknowledged, stopPosting.Token)));

            await acknowledged.WaitForAsync(25, deadline.Token);
            ProcessTree.Kill(SiloPid(app));
            var acknowledgedBeforeCrash = acknowledged.Count;

            var commands = app.Services.GetRequiredService<ResourceCommandService>();
            await Task.Delay(TimeSpan.FromSeconds(2), deadline.Token);
            var restarted = await commands.ExecuteCommandAsync("silo", KnownResourceCommands.StartCommand, deadline.Token);
            Assert.True(restarted.Success, restarted.Message);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("silo", deadline.Token);
            await acknowledged.WaitForAsync(acknowledgedBeforeCrash + 10, deadline.Token);
            await stopPosting.CancelAsync();
            await posting;

            var connectionString = await app.GetConnectionStringAsync("avenirdb", deadline.Token)
                ?? throw new InvalidOperationException("no connection string");
            var ids = acknowledged.Ids;

            // Every acknowledged lead is stored exactly once, and its two jobs finish (reclaimed from the dead worker if needed).
            await LeadTraffic.AssertStoredOnceWithBothJobsCompletedAsync(connectionString, ids, deadline.Token);
            Assert.Equal(ids.Length, await CountAsync(connectionString,
                "SELECT count(*) FROM lead_memory WHERE id = ANY($1) AND enrichment_status = 'completed' AND intent IS NOT NULL", ids));
            Assert.Equal(ids.Length, await CountAsync(connectionString,
                "SELECT count(*) FROM lead_memory WHERE id = ANY($1) AND jsonb_array_length(tone_history) = 1", ids));

            // Each lead whose reply is recorded as sent has exactly one message in the development inbox.
            var sentTo = await StringsAsync(connectionString,
                "SELECT email FROM lead_memory WHERE id = ANY($1) AND auto_reply_status = 'sent'", ids);
            Assert.NotEmpty(sentTo);
            using var inbox = new HttpClient { BaseAddress = stack.MailInbox };
            var messages = await inbox.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=5000", deadline.Token);
            var recipients = Recipients(messages);
            Assert.All(sentTo, email => Assert.Equal(1, recipients.Count(r => string.Equals(r, email, StringComparison.OrdinalIgnoreCase))));
        }
        finally
        {
            stack.DeleteData();
        }
    }

    private static int SiloPid(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(notifications.TryGetCurrentState("silo", out var state), "the silo resource has a state");
        var pid = state!.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    private static List<string> Recipients(JsonElement messages)
    {
        var list = messages.ValueKind == JsonValueKind.Array ? messages : messages.GetProperty("results");
        var recipients = new List<string>();
        foreach (var message in list.EnumerateArray())
        {
            foreach (var to in message.GetProperty("to").EnumerateArray())
            {
                recipients.Add(to.GetString() ?? "");
            }
        }

        return recipients;
    }

    private static async Task<List<string>> StringsAsync(string connectionString, string sql, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = ids } } };
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

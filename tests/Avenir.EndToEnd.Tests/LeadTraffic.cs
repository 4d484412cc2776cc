using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Testing.Stack;
using Npgsql;

namespace Avenir.EndToEnd.Tests;

/// <summary>
/// Steady form traffic against a running stack, and the checks on what it left in the database: shared by the tests
/// that break the cluster under load (<see cref="CrashTests"/>, <see cref="ScaleOutTests"/>).
/// </summary>
internal static class LeadTraffic
{
    /// <summary>
    /// Posts leads one after another until <paramref name="stop"/>; every lead answered 201 is recorded as acknowledged.
    /// A refusal (the cluster is changing) is not acknowledged, so it is not counted.
    /// </summary>
    public static async Task PostLeadsAsync(HttpClient api, int worker, AcknowledgedLeads acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var email = $"visitor-{worker}-{i}-{Guid.NewGuid():N}@example.com";
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/lead")
            {
                Content = JsonContent.Create(
                    new { name = "Visitor", email, message = $"Hello, could you send me a quote for a kitchen renovation? Ref {worker}-{i}" }),
            };
            post.Headers.Add("X-Api-Key", AvenirStack.DemoApiKey);
            try
            {
                using var response = await api.SendAsync(post, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetGuid();
                    acknowledged.Add(id, email);
                }
                else
                {
                    await Task.Delay(200, stop); // the silo is down: refused, not acknowledged
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waits for state in another process's database (jobs completed, the membership table), which sends no signal: it is
    /// read again every quarter second until true or <paramref name="cancellationToken"/>'s deadline.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await Task.Delay(250, cancellationToken);
        }
    }

    public static async Task<long> CountAsync(string connectionString, string sql, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = ids } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every acknowledged lead is stored exactly once, and both of its jobs complete, exactly once.</summary>
    public static async Task AssertStoredOnceWithBothJobsCompletedAsync(string connectionString, Guid[] ids, CancellationToken cancellationToken)
    {
        Assert.Equal(ids.Length, await CountAsync(connectionString, "SELECT count(*) FROM lead_memory WHERE id = ANY($1)", ids));
        await WaitUntilAsync(async () => await CountAsync(connectionString,
            "SELECT count(*) FROM queue_jobs WHERE (payload->>'leadId')::uuid = ANY($1) AND status = 'completed'", ids) == 2 * ids.Length,
            cancellationToken);
        Assert.Equal(2 * ids.Length, await CountAsync(connectionString, "SELECT count(*) FROM queue_jobs WHERE (payload->>'leadId')::uuid = ANY($1)", ids));
    }
}

/// <summary>The leads the stack answered 201 for, and a signal for a test waiting until there are enough of them.</summary>
internal sealed class AcknowledgedLeads
{
    private readonly ConcurrentDictionary<Guid, string> leads = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];

    public int Count => leads.Count;

    public Guid[] Ids => [.. leads.Keys];

    public void Add(Guid id, string email)
    {
        leads[id] = email;
        lock (waiters)
        {
            foreach (var waiter in waiters.Where(w => leads.Count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> leads are acknowledged.</summary>
    public Task WaitForAsync(int count, CancellationToken cancellationToken)
    {
        lock (waiters)
        {
            if (leads.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }
}

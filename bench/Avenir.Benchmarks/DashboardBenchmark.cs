using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;

namespace Avenir.Benchmarks;

/// <summary>
/// The dashboard mode (issue 13): the demo client gets <c>--dashboard-leads</c> (100,000) bulk-seeded leads, then, signed
/// in once (one session cookie shared by every connection), (a) the first page of <c>GET /api/dashboard/leads</c> alone,
/// one request at a time, against <c>GET /health</c> alone (one HTTP round trip, the floor); (b) <c>--pollers</c>
/// keep-alive connections, each polling once a second the mixed dashboard endpoints (list, stats, growth in turn),
/// against the same connections polling <c>/health</c> — all in one run.
/// </summary>
internal static class DashboardBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Mixed = ["api/dashboard/leads", "api/dashboard/stats", "api/dashboard/growth"];

    public sealed record Outcome(int Leads, int Pollers, PhaseResult FirstPage, PhaseResult Health, PhaseResult MixedPolling, PhaseResult HealthPolling)
    {
        public Dictionary<string, object> Summary() => new()
        {
            ["dashboard_leads"] = Leads,
            ["first_page_p50_ms"] = Math.Round(FirstPage.P50, 2),
            ["health_p50_ms"] = Math.Round(Health.P50, 2),
            ["first_page_over_health_p50"] = Math.Round(FirstPage.P50 / Health.P50, 2),
            ["pollers"] = Pollers,
            ["mixed_polls_per_s"] = Math.Round(MixedPolling.PerSecond, 1),
            ["mixed_p50_ms"] = Math.Round(MixedPolling.P50, 2),
            ["mixed_p99_ms"] = Math.Round(MixedPolling.P99, 2),
            ["health_polls_per_s"] = Math.Round(HealthPolling.PerSecond, 1),
            ["health_polling_p99_ms"] = Math.Round(HealthPolling.P99, 2),
            ["mixed_over_health_p99"] = Math.Round(MixedPolling.P99 / HealthPolling.P99, 2),
            ["mixed_errors"] = MixedPolling.Errors,
        };
    }

    public static async Task<Outcome> RunAsync(BenchmarkOptions options, StackSession stack)
    {
        await using var owner = NpgsqlDataSource.Create(stack.Connection);
        var clientId = await Verification.ClientOfKeyAsync(owner, stack.Key);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(owner, clientId, options.DashboardLeads);
        Console.WriteLine($"Dashboard: seeded {options.DashboardLeads:N0} leads for client {clientId} in {seeding.Elapsed.TotalSeconds:F1} s (ANALYZE done).");

        using var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
        })
        { BaseAddress = stack.Api, Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsJsonAsync("api/auth/login", new { email = "demo@avenir.local", password = StackSession.DemoPassword });
        login.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';', 2)[0]));

        // Warm-up of both paths (JIT, pools, the client's grain), then each alone, one request at a time.
        await SequentialAsync(http, cookie, Mixed, TimeSpan.FromSeconds(3));
        await SequentialAsync(http, cookie, ["health"], TimeSpan.FromSeconds(1));
        var firstPage = await SequentialAsync(http, cookie, ["api/dashboard/leads"], options.PhaseDuration);
        var health = await SequentialAsync(http, cookie, ["health"], options.PhaseDuration);
        Console.WriteLine(string.Create(Invariant,
            $"  first page alone: p50 {firstPage.P50:F2} ms, p99 {firstPage.P99:F2} ms ({firstPage.Succeeded} requests); "
            + $"/health alone: p50 {health.P50:F2} ms, p99 {health.P99:F2} ms"));

        var mixed = await PollAsync(http, cookie, Mixed, options.DashboardPollers, options.PhaseDuration);
        var healthPolling = await PollAsync(http, cookie, ["health"], options.DashboardPollers, options.PhaseDuration);
        Console.WriteLine(string.Create(Invariant,
            $"  {options.DashboardPollers} connections at 1 Hz, mixed list/stats/growth: {mixed.PerSecond:F1}/s, p50 {mixed.P50:F2} ms, p99 {mixed.P99:F2} ms, "
            + $"errors {mixed.Errors}; same on /health: {healthPolling.PerSecond:F1}/s, p50 {healthPolling.P50:F2} ms, p99 {healthPolling.P99:F2} ms"));
        return new Outcome(options.DashboardLeads, options.DashboardPollers, firstPage, health, mixed, healthPolling);
    }

    private static async Task<PhaseResult> SequentialAsync(HttpClient http, string cookie, string[] paths, TimeSpan duration)
    {
        var tally = new WorkerTally();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var n = 0; Stopwatch.GetTimestamp() < deadline; n++)
        {
            await GetAsync(http, cookie, paths[n % paths.Length], tally);
        }

        return PhaseResult.Merge(1, start, [tally]);
    }

    /// <summary>Each poller: one request, then waits for its next second (its own phase within the second, so the load is even).</summary>
    private static async Task<PhaseResult> PollAsync(HttpClient http, string cookie, string[] paths, int pollers, TimeSpan duration)
    {
        var tallies = Enumerable.Range(0, pollers).Select(_ => new WorkerTally()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var seconds = (int)Math.Ceiling(duration.TotalSeconds);
        await Task.WhenAll(tallies.Select((tally, i) => Task.Run(async () =>
        {
            var offset = TimeSpan.FromSeconds((double)i / pollers);
            for (var second = 0; second < seconds; second++)
            {
                var due = TimeSpan.FromSeconds(second) + offset - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                await GetAsync(http, cookie, paths[(i + second) % paths.Length], tally);
            }
        })));
        return PhaseResult.Merge(pollers, start, tallies);
    }

    private static async Task GetAsync(HttpClient http, string cookie, string path, WorkerTally tally)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
            {
                tally.Success(started);
            }
            else
            {
                tally.Error(((int)response.StatusCode).ToString(Invariant));
            }
        }
        catch (HttpRequestException exception)
        {
            tally.Error(exception.HttpRequestError.ToString());
        }
        catch (TaskCanceledException)
        {
            tally.Error("timeout");
        }
    }

    private static async Task SeedAsync(NpgsqlDataSource owner, Guid clientId, int leads)
    {
        await using var seed = owner.CreateCommand(BaselineRows.SeedLeads);
        seed.Parameters.Add(new NpgsqlParameter { Value = clientId });
        seed.Parameters.Add(new NpgsqlParameter { Value = leads });
        seed.CommandTimeout = 600;
        await seed.ExecuteNonQueryAsync();
        await using var analyze = owner.CreateCommand("ANALYZE lead_memory");
        analyze.CommandTimeout = 300;
        await analyze.ExecuteNonQueryAsync();
    }
}

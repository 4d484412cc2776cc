using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Avenir.Benchmarks;

/// <summary>
/// Drives <c>POST /api/lead</c> with real HTTP (one pooled <see cref="SocketsHttpHandler"/>, keep-alive
/// connections): N workers each send a lead and wait for its answer, for a fixed time. Every lead is
/// unique (its email and message carry a sequence number), so duplicate merging never answers instead
/// of a real insert. The latency of each 2xx answer is recorded, and every acknowledged lead id is kept
/// for the verification.
/// </summary>
internal sealed class IntakeLoad : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly IReadOnlyList<string> keys;
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private long sequence;

    /// <param name="endpoint">Where leads are posted: Avenir's <c>api/lead</c>, or the naive baseline's.</param>
    /// <param name="keys">The clients' API keys: request n posts as client n mod count, so with many keys every client posts now and then.</param>
    public IntakeLoad(Uri endpoint, IReadOnlyList<string> keys)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        this.endpoint = endpoint;
        this.keys = keys;
    }

    /// <summary>Ids acknowledged with a 2xx, with how often each was acknowledged (it must be once).</summary>
    public ConcurrentDictionary<Guid, int> Acknowledged { get; } = new();

    /// <summary>Ids acknowledged with a 2xx during the last <see cref="RunAsync"/> (to tell how they were committed).</summary>
    public IReadOnlyCollection<Guid> LastPhase => lastPhase;

    private ConcurrentBag<Guid> lastPhase = [];

    /// <summary>2xx answers that said "duplicate" (none expected: every lead is unique).</summary>
    public int Duplicates => duplicates;

    private int duplicates;

    public async Task<PhaseResult> RunAsync(int concurrency, TimeSpan duration)
    {
        lastPhase = [];
        var tallies = Enumerable.Range(0, concurrency).Select(_ => new WorkerTally()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(tallies.Select(tally => Task.Run(() => WorkerAsync(tally, deadline))));
        return PhaseResult.Merge(concurrency, start, tallies);
    }

    private async Task WorkerAsync(WorkerTally tally, long deadline)
    {
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var n = Interlocked.Increment(ref sequence);
            var body = Encoding.UTF8.GetBytes(
                $$"""{"name":"Bench Lead {{n}}","email":"bench.{{run}}.{{n}}@example.com","message":"Benchmark lead {{run}}-{{n}}: could you"""
                + $$""" send me a quote for a weekly office cleaning, starting next month?"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.Add("X-Api-Key", keys[(int)(n % keys.Count)]);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var content = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    tally.Error(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                tally.Success(started);
                using var answer = JsonDocument.Parse(content);
                var id = answer.RootElement.GetProperty("id").GetGuid();
                Acknowledged.AddOrUpdate(id, 1, (_, count) => count + 1);
                lastPhase.Add(id);
                if (answer.RootElement.GetProperty("status").GetString() == "duplicate")
                {
                    Interlocked.Increment(ref duplicates);
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
    }

    public void Dispose() => http.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>
/// A website posting leads at a fixed rate: lead n is due at n / rate seconds, whatever happened to the others. Each lead
/// has its own Idempotency-Key and email, and is posted again with the same key after a 503 (waiting its Retry-After), a
/// timeout or a refused connection, until it is acknowledged (2xx) or the run ends. At most <c>maxInFlight</c> requests
/// are open at once (a real form backend has a bounded pool too). Every request waits at most <c>requestTimeout</c>:
/// a request the server keeps longer is recorded as timed out, so "waited too long" is measured, not hidden.
/// A plain <see cref="HttpClient"/>, not Aspire's: its resilience handler would retry and hide what the API answered.
/// </summary>
public sealed class IntakeLoad(Uri api, string apiKey, double leadsPerSecond, int maxInFlight, TimeSpan requestTimeout) : IDisposable
{
    private static readonly TimeSpan PauseWithoutRetryAfter = TimeSpan.FromSeconds(1);

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = maxInFlight, ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = api,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly SemaphoreSlim inFlight = new(maxInFlight, maxInFlight);
    private readonly Stopwatch clock = new();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private int posted;

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Leads whose first post was sent.</summary>
    public int Posted => Volatile.Read(ref posted);

    public ConcurrentQueue<IntakeAttempt> Attempts { get; } = new();

    /// <summary>Acknowledged leads: number → the id the API answered with.</summary>
    public ConcurrentDictionary<int, Guid> Acknowledged { get; } = new();

    /// <summary>Every lead of this run has an email starting so (for the database and the inbox).</summary>
    public string EmailPrefix => $"fault-{run}-";

    public string Email(int lead) => $"{EmailPrefix}{lead.ToString(CultureInfo.InvariantCulture)}@example.com";

    /// <summary>Posts leads for <paramref name="length"/>; returns once every lead is acknowledged or given up at the end.</summary>
    public async Task RunAsync(TimeSpan length, CancellationToken cancellationToken)
    {
        clock.Start();
        var leads = new List<Task>();
        for (var lead = 0; ; lead++)
        {
            var due = TimeSpan.FromSeconds(lead / leadsPerSecond);
            if (due >= length)
            {
                break;
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            leads.Add(PostUntilAcknowledgedAsync(lead, length, cancellationToken));
        }

        await Task.WhenAll(leads);
    }

    /// <summary>Waits until the run has lasted <paramref name="mark"/> (the scenario's schedule).</summary>
    public async Task WaitForMarkAsync(TimeSpan mark, CancellationToken cancellationToken)
    {
        if (mark > clock.Elapsed)
        {
            await Task.Delay(mark - clock.Elapsed, cancellationToken);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        inFlight.Dispose();
    }

    private async Task PostUntilAcknowledgedAsync(int lead, TimeSpan runEnd, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref posted);
        for (var number = 1; ; number++)
        {
            var (attempt, retryAfter) = await PostOnceAsync(lead, number, cancellationToken);
            Attempts.Enqueue(attempt);
            if (attempt.Succeeded || !IsRetryable(attempt.Status, out var pause))
            {
                return;
            }

            pause = retryAfter ?? pause;
            if (clock.Elapsed + pause >= runEnd)
            {
                return; // the run ends before the retry would: never acknowledged
            }

            await Task.Delay(pause, cancellationToken);
        }
    }

    private static bool IsRetryable(int status, out TimeSpan pause)
    {
        pause = PauseWithoutRetryAfter;
        return status is (int)HttpStatusCode.ServiceUnavailable or IntakeAttempt.TimedOut or IntakeAttempt.NoConnection;
    }

    private async Task<(IntakeAttempt Attempt, TimeSpan? RetryAfter)> PostOnceAsync(int lead, int number, CancellationToken cancellationToken)
    {
        await inFlight.WaitAsync(cancellationToken);
        try
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/lead")
            {
                Content = JsonContent.Create(new
                {
                    name = "Visitor",
                    email = Email(lead),
                    message = $"Hello, could you send me a quote for a kitchen renovation? Ref {run}-{lead}",
                }),
            };
            post.Headers.Add("X-Api-Key", apiKey);
            post.Headers.Add("Idempotency-Key", $"{EmailPrefix}{lead}");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(requestTimeout);
            var start = clock.Elapsed;
            try
            {
                using var response = await http.SendAsync(post, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
                    Acknowledged[lead] = body.GetProperty("id").GetGuid();
                }

                var retryAfter = response.Headers.RetryAfter;
                return (new IntakeAttempt(lead, number, start, clock.Elapsed - start, status, retryAfter is not null,
                    response.Headers.Contains("Idempotent-Replayed")), retryAfter?.Delta);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (new IntakeAttempt(lead, number, start, clock.Elapsed - start, IntakeAttempt.TimedOut, false, false), null);
            }
            catch (HttpRequestException)
            {
                return (new IntakeAttempt(lead, number, start, clock.Elapsed - start, IntakeAttempt.NoConnection, false, false), null);
            }
        }
        finally
        {
            inFlight.Release();
        }
    }
}

using System.Collections.Concurrent;

namespace Avenir.Silo.Prospects.FormTesting.Fetching;

/// <summary>
/// One request at a time per host, at least <see cref="FormTestOptions.PerHostInterval"/> (or the site's
/// <c>crawl-delay</c>) apart, across every form test of the process. Time and waits are injected, so tests see the
/// spacing on a fake clock.
/// </summary>
public sealed class HostPacer(TimeProvider time, IDelay delay)
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for <paramref name="host"/>'s turn and returns a lease that ends it (dispose after the response).</summary>
    public async Task<IAsyncDisposable> WaitTurnAsync(string host, TimeSpan interval, CancellationToken cancellationToken)
    {
        var slot = _hosts.GetOrAdd(host, _ => new HostSlot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.LastRequestAt is { } last)
            {
                var wait = last + interval - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await delay.WaitAsync(wait, cancellationToken);
                }
            }
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }

        return new Lease(slot, time);
    }

    private sealed class HostSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset? LastRequestAt { get; set; }
    }

    private sealed class Lease(HostSlot slot, TimeProvider time) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                // Spacing counts from the end of the exchange, so a slow site is not asked faster.
                slot.LastRequestAt = time.GetUtcNow();
                slot.Gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

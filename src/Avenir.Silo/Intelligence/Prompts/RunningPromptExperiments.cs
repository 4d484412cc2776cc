namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>
/// Which prompts have a running A/B test: one query for all prompts, cached for <see cref="CacheDuration"/>, so that
/// an execution without a test costs no grain call and at most one small query every few seconds per silo.
/// When the set of running tests changes (a test started, ended or was cancelled, possibly on another silo) the
/// registry cache is cleared too, so a promoted winner is selected here within the same few seconds.
/// </summary>
public sealed class RunningPromptExperiments(TenantDatabase database, IPromptRegistry registry, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private Snapshot? snapshot;

    /// <summary>The running test of <paramref name="promptName"/>, or null.</summary>
    public async ValueTask<RunningPromptTest?> FindAsync(string promptName, CancellationToken cancellationToken = default)
    {
        var current = snapshot;
        if (current is null || current.Expires <= time.GetUtcNow())
        {
            current = await RefreshAsync(cancellationToken);
        }

        return current.Tests.GetValueOrDefault(promptName);
    }

    /// <summary>Forgets the cached list (after starting or cancelling a test in this process).</summary>
    public void Invalidate() => snapshot = snapshot is null ? null : snapshot with { Expires = DateTimeOffset.MinValue };

    private async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await refresh.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (snapshot is { } fresh && fresh.Expires > now)
            {
                return fresh;
            }

            IReadOnlyList<RunningPromptTest> running;
            await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
            {
                running = await PromptRegistryQueries.RunningTestsAsync(transaction, cancellationToken);
            }

            var tests = running.ToDictionary(t => t.PromptName);
            if (snapshot is { } previous && !SameTests(previous.Tests, tests))
            {
                registry.Invalidate();
            }

            snapshot = new Snapshot(now + CacheDuration, tests);
            return snapshot;
        }
        finally
        {
            refresh.Release();
        }
    }

    public void Dispose() => refresh.Dispose();

    private static bool SameTests(Dictionary<string, RunningPromptTest> a, Dictionary<string, RunningPromptTest> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && other.TestId == entry.Value.TestId);

    private sealed record Snapshot(DateTimeOffset Expires, Dictionary<string, RunningPromptTest> Tests);
}

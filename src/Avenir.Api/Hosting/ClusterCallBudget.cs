using Orleans.Runtime;

namespace Avenir.Api.Hosting;

/// <summary>
/// The grain calls of one request, on one deadline: <see cref="Budget"/> from the start of the request. A call that is safe
/// to repeat (a read; intake, idempotent by key or content) is run again when the cluster could not take it: lost with a
/// silo that died while it was in flight (no answer within the client's <see cref="ApiHostingExtensions.GrainCallTimeout"/>),
/// or refused at once because the cluster has not yet dropped the dead silo. The retry reaches a live silo (the client
/// stops using a gateway whose connection broke, and the cluster re-places the dead silo's grains once it declares it dead).
/// When the budget is spent the last failure goes to <see cref="DependencyUnavailableHandler"/>: a 503 with Retry-After,
/// always before a client's 10 s of patience run out. A PostgreSQL outage is not retried here: it answers 503 at once.
/// </summary>
public sealed class ClusterCallBudget
{
    /// <summary>The whole request's grain calls end within this, a 503 included (a website waits 10 s).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    /// <summary>Not worth starting a call with less left: it would end in a 503 anyway.</summary>
    private static readonly TimeSpan MinimumAttempt = TimeSpan.FromMilliseconds(500);

    private readonly TimeProvider time;
    private readonly long started;

    public ClusterCallBudget(TimeProvider time)
    {
        this.time = time;
        started = time.GetTimestamp();
    }

    public TimeSpan Remaining => Budget - time.GetElapsedTime(started);

    /// <summary>
    /// Runs <paramref name="call"/> within what is left of the budget, again after a short pause while the cluster cannot
    /// take it and <paramref name="safeToRepeat"/>. An abandoned attempt may still complete on its silo: that is why only
    /// a call that is safe to repeat is repeated.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, bool safeToRepeat, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(Positive(Remaining), time, cancellationToken);
            }
            catch (Exception exception) when (safeToRepeat && IsClusterUnavailable(exception) && Remaining - Pause(attempt) >= MinimumAttempt)
            {
                await Task.Delay(Pause(attempt), time, cancellationToken);
            }
        }
    }

    /// <summary>The cluster could not take the call; whether it ran is unknown (SQL errors inside a grain are not this).</summary>
    public static bool IsClusterUnavailable(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    /// <summary>250 ms, 500 ms, then every second: about what the cluster needs to declare a crashed silo dead (~3 s).</summary>
    private static TimeSpan Pause(int attempt) => TimeSpan.FromMilliseconds(Math.Min(1000, 125 << Math.Min(attempt, 3)));

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.FromMilliseconds(1);
}

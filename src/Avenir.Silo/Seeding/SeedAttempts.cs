namespace Avenir.Silo.Seeding;

/// <summary>
/// Runs a start-up seed until it succeeds. A seeder is a <see cref="BackgroundService"/>, and a background service that
/// throws stops the host: a silo that started under load (a pool at its cap, a grain call timing out, PostgreSQL
/// restarting) would leave the cluster, exit 0 and take its grains with it because demo data could not be written in
/// that second. Every seed is idempotent (each silo runs it at every start), so trying again is always safe.
/// </summary>
public static class SeedAttempts
{
    /// <summary>The first wait after a failure; it doubles up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public static TimeSpan WaitAfter(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(failures - 1, 16)));

    /// <summary>Runs <paramref name="seed"/> until it completes or <paramref name="stoppingToken"/> is cancelled; each failure is logged.</summary>
    public static async Task RunUntilDoneAsync(
        string name, Func<CancellationToken, Task> seed, Func<int, TimeSpan> waitAfter, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        for (var failures = 0; !stoppingToken.IsCancellationRequested;)
        {
            try
            {
                await seed(stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var wait = waitAfter(failures);
                logger.LogWarning(exception, "Seed {Seed} failed (attempt {Attempt}); trying again in {Wait}", name, failures, wait);
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

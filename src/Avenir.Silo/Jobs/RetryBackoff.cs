namespace Avenir.Silo.Jobs;

/// <summary>
/// Exponential back-off with "equal jitter": after failed attempt n (1-based) the job waits
/// d = min(max, base · 2^(n−1)), then a uniformly random time in [d/2, d]. The exponential part spaces
/// retries of a failing dependency out; the jitter keeps jobs that failed together from retrying together,
/// while the lower half-bound keeps a retry from coming back at once.
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan Ceiling(int failedAttempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(failedAttempt - 1, 0, 30);
        var delay = baseDelay.TotalSeconds * Math.Pow(2, exponent);
        return TimeSpan.FromSeconds(Math.Min(delay, maxDelay.TotalSeconds));
    }

    /// <param name="unitRandom">A value in [0, 1) (<see cref="Random.NextDouble"/>).</param>
    public static TimeSpan Delay(int failedAttempt, TimeSpan baseDelay, TimeSpan maxDelay, double unitRandom)
    {
        var ceiling = Ceiling(failedAttempt, baseDelay, maxDelay);
        return ceiling / 2 + ceiling / 2 * Math.Clamp(unitRandom, 0, 1);
    }
}

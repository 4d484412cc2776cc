namespace Avenir.Infrastructure.Metrics;

/// <summary>
/// Aggregates measurements in process (one singleton per silo or API host), so that a request costs a
/// dictionary update and not a database row; <see cref="PerformanceMetricsFlusher"/> writes one row per key per
/// interval. Thread-safe by striping: a record locks one of a few stripes chosen by the calling thread, so
/// concurrent requests rarely meet on a lock, and a drain swaps each stripe's table under that stripe's lock,
/// so no measurement is lost or counted twice.
/// </summary>
public sealed class PerformanceRecorder(TimeProvider time)
{
    private readonly Stripe[] stripes = [.. Enumerable.Range(0, StripeCount()).Select(_ => new Stripe())];
    private readonly Lock drainGate = new();
    private DateTimeOffset windowStart = time.GetUtcNow();

    /// <summary>Adds one measurement (a duration in ms unless the key's unit says otherwise).</summary>
    /// <param name="success">False counts an error (<c>error_count</c>; lowers <c>success_rate</c>).</param>
    public void Record(MetricKey key, double value, bool success = true)
    {
        var stripe = stripes[(Environment.CurrentManagedThreadId & int.MaxValue) % stripes.Length];
        lock (stripe.Gate)
        {
            if (!stripe.Accumulators.TryGetValue(key, out var accumulator))
            {
                stripe.Accumulators[key] = accumulator = new MetricAccumulator();
            }

            accumulator.Add(value, success);
        }
    }

    /// <summary>Records the time elapsed since <paramref name="startedTimestamp"/> (from <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void RecordElapsed(MetricKey key, long startedTimestamp, bool success = true) =>
        Record(key, time.GetElapsedTime(startedTimestamp).TotalMilliseconds, success);

    /// <summary>Takes everything recorded since the previous drain, one aggregate per key, and starts a new interval.</summary>
    public IReadOnlyList<MetricAggregate> Drain()
    {
        lock (drainGate)
        {
            var merged = new Dictionary<MetricKey, MetricAccumulator>();
            foreach (var stripe in stripes)
            {
                Dictionary<MetricKey, MetricAccumulator> taken;
                lock (stripe.Gate)
                {
                    if (stripe.Accumulators.Count == 0)
                    {
                        continue;
                    }

                    (taken, stripe.Accumulators) = (stripe.Accumulators, []);
                }

                foreach (var (key, accumulator) in taken)
                {
                    if (merged.TryGetValue(key, out var existing))
                    {
                        existing.Merge(accumulator);
                    }
                    else
                    {
                        merged[key] = accumulator;
                    }
                }
            }

            var (from, to) = (windowStart, time.GetUtcNow());
            windowStart = to;
            return [.. merged.Select(entry => entry.Value.ToAggregate(entry.Key, from, to))];
        }
    }

    private static int StripeCount() => Math.Clamp(Environment.ProcessorCount * 2, 4, 64);

    private sealed class Stripe
    {
        public Lock Gate { get; } = new();

        public Dictionary<MetricKey, MetricAccumulator> Accumulators { get; set; } = [];
    }
}

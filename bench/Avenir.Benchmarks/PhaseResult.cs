using System.Diagnostics;

namespace Avenir.Benchmarks;

/// <summary>What one measured phase (one kind of work at one concurrency level) achieved.</summary>
internal sealed record PhaseResult(
    int Concurrency, int Succeeded, int Errors, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyDictionary<string, int> ErrorKinds)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double P99 => Percentile(0.99);

    /// <summary>Nearest-rank percentile of the successful requests' latencies (sorted by <see cref="Merge"/>).</summary>
    private double Percentile(double p) =>
        LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(p * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];

    public static PhaseResult Merge(int concurrency, long startTimestamp, IReadOnlyList<WorkerTally> workers)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        var latencies = workers.SelectMany(w => w.LatenciesMs).ToArray();
        Array.Sort(latencies);
        var kinds = workers.SelectMany(w => w.ErrorKinds).GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.Sum(k => k.Value));
        return new PhaseResult(concurrency, latencies.Length, workers.Sum(w => w.Errors), elapsed, latencies, kinds);
    }
}

/// <summary>One worker's counts; each worker has its own, so recording takes no lock.</summary>
internal sealed class WorkerTally
{
    public List<double> LatenciesMs { get; } = new(4096);

    public Dictionary<string, int> ErrorKinds { get; } = [];

    public int Errors { get; private set; }

    public void Success(long startTimestamp) => LatenciesMs.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void Error(string kind)
    {
        Errors++;
        ErrorKinds[kind] = ErrorKinds.GetValueOrDefault(kind) + 1;
    }
}

namespace Avenir.Silo.Jobs;

/// <summary>The silo's job workers (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Concurrent workers per silo (<c>Jobs:Workers</c>). 0 runs no workers (the silo only serves grains).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How long an idle worker waits before it looks for due jobs again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claim holds without news from its worker. The runner renews it every third of this while
    /// the job runs, so a crashed worker's job is reclaimed within one lease (not after its whole budget).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Back-off of the first retry; each further retry doubles it (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The most jobs a worker claims at once for a handler that runs several together (<see cref="IBatchJobHandler"/>, e.g.
    /// enrichment's batched inference). 1 claims one job at a time for every type.
    /// </summary>
    public int MaxBatch { get; set; } = 16;
}

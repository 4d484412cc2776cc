namespace Avenir.Silo.Jobs;

/// <summary>The silo's job workers (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Concurrent workers per silo (<c>Jobs:Workers</c>). 0 runs no workers (the silo only serves grains).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How long an idle worker waits before it looks for due jobs again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Lease = the job's time budget + this, so a job cancelled at its budget is recorded before anyone may reclaim it.</summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Back-off of the first retry; each further retry doubles it (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);
}

namespace Avenir.Silo.Jobs;

/// <summary>One claimed job as its handler sees it, with the progress-reporting API.</summary>
public sealed class JobContext
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private readonly JobQueue queue;

    internal JobContext(ClaimedJob job, JobQueue queue)
    {
        Job = job;
        this.queue = queue;
    }

    public ClaimedJob Job { get; }

    public Guid JobId => Job.Id;

    /// <summary>1 on the first attempt.</summary>
    public int Attempt => Job.Attempt;

    /// <summary>True when a failure of this attempt ends the job <c>failed</c>.</summary>
    public bool IsLastAttempt => Job.Attempt >= Job.MaxAttempts;

    /// <summary>The payload (camelCase JSON) as <typeparamref name="T"/>.</summary>
    public T Payload<T>() =>
        Job.Payload.Deserialize<T>(PayloadJson)
        ?? throw new InvalidOperationException($"Job {Job.Id} ({Job.JobType}) has an empty payload.");

    /// <summary>
    /// Records progress (0–100) and a short message, visible in the dashboard. Best effort: returns false
    /// when this worker no longer holds the job (its lease expired and another worker took it).
    /// </summary>
    public Task<bool> ReportProgressAsync(double percent, string? message = null, CancellationToken cancellationToken = default) =>
        queue.ReportProgressAsync(Job, Math.Clamp(percent, 0, 100), message, cancellationToken);
}

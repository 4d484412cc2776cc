namespace Avenir.Silo.Jobs;

/// <summary>How a handler ended an attempt that did not throw.</summary>
public sealed record JobResult
{
    private JobResult(JsonElement? output, TimeSpan? rescheduleAfter, string? reason)
    {
        Output = output;
        RescheduleAfter = rescheduleAfter;
        Reason = reason;
    }

    /// <summary>Stored in <c>queue_jobs.result</c> (completed) or shown as the reason (rescheduled).</summary>
    public JsonElement? Output { get; }

    /// <summary>Set when the job is not done yet and should run again later.</summary>
    public TimeSpan? RescheduleAfter { get; }

    public string? Reason { get; }

    /// <summary>The job is done; <paramref name="output"/> (any JSON-serialisable object) is kept as its result.</summary>
    public static JobResult Completed(object? output = null) =>
        new(output is null ? null : JsonSerializer.SerializeToElement(output, JobContext.PayloadJson), null, null);

    /// <summary>
    /// The job cannot proceed yet (e.g. it waits for another job): run it again after <paramref name="delay"/>.
    /// This is not a failure and does not use up an attempt; the handler bounds how long it waits.
    /// </summary>
    public static JobResult Reschedule(TimeSpan delay, string reason) => new(null, delay, reason);
}

using Avenir.Grains.Prospects;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Prospects.Queue;

/// <summary>
/// Enqueues one <c>daily_prospect_queue</c> job per UTC day (dedupe key <c>daily_prospect_queue:yyyy-MM-dd</c>), at
/// start and then every hour, so the day's job exists once however many silos run; it shows in the job list.
/// </summary>
public sealed class DailyProspectQueueScheduler(JobQueue queue, TimeProvider time, ILogger<DailyProspectQueueScheduler> logger)
    : PeriodicJobScheduler(CheckInterval, "the daily prospect queue", time, logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    public static string DedupeKey(DateOnly day) => $"{ProspectJobTypes.DailyQueue}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Enqueues today's job unless it exists; returns its id when this call created it.</summary>
    public Task<Guid?> EnqueueTodayAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        return queue.EnqueueAsync(ProspectJobTypes.DailyQueue, new DailyProspectQueuePayload(day), now, DedupeKey(day),
            maxAttempts: 5, timeoutSeconds: 120, cancellationToken: cancellationToken);
    }

    protected override async Task EnqueueDueJobsAsync(CancellationToken cancellationToken)
    {
        if (await EnqueueTodayAsync(cancellationToken) is { } id)
        {
            Logger.LogInformation("Enqueued today's daily prospect queue (job {JobId})", id);
        }
    }
}

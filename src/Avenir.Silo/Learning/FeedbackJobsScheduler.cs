using Avenir.Silo.Jobs;

namespace Avenir.Silo.Learning;

/// <summary>
/// Enqueues <c>feedback_learning</c> once an hour (dedupe key <c>feedback_learning:yyyy-MM-ddTHH</c>, UTC) and
/// <c>feedback_cleanup</c> once a day (<c>feedback_cleanup:yyyy-MM-dd</c>): it checks at start and then every
/// <see cref="CheckInterval"/>, so however many silos run, each job runs once per period.
/// </summary>
public sealed class FeedbackJobsScheduler(JobQueue queue, TimeProvider time, ILogger<FeedbackJobsScheduler> logger)
    : PeriodicJobScheduler(CheckInterval, "the feedback jobs", time, logger)
{
    /// <summary>Shorter than an hour, so a silo that starts at 10:59 still enqueues 11:00's learning job in time.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(10);

    public static string LearningDedupeKey(DateTimeOffset now) => $"{FeedbackLearningJobHandler.Type}:{now.UtcDateTime:yyyy-MM-ddTHH}";

    public static string CleanupDedupeKey(DateTimeOffset now) => $"{FeedbackCleanupJobHandler.Type}:{now.UtcDateTime:yyyy-MM-dd}";

    /// <summary>Enqueues this hour's learning job and today's cleanup unless they exist; returns the ids this call created.</summary>
    public async Task<(Guid? Learning, Guid? Cleanup)> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        var learning = await queue.EnqueueAsync(
            FeedbackLearningJobHandler.Type,
            new { hour = now.UtcDateTime.ToString("yyyy-MM-ddTHH", System.Globalization.CultureInfo.InvariantCulture) },
            now, LearningDedupeKey(now), maxAttempts: 3, timeoutSeconds: 300, cancellationToken: cancellationToken);
        var cleanup = await queue.EnqueueAsync(
            FeedbackCleanupJobHandler.Type,
            new { day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            now, CleanupDedupeKey(now), maxAttempts: 3, timeoutSeconds: 300, cancellationToken: cancellationToken);
        return (learning, cleanup);
    }

    protected override Task EnqueueDueJobsAsync(CancellationToken cancellationToken) => EnqueueDueAsync(cancellationToken);
}

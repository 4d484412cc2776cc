using Avenir.Silo.Jobs;

namespace Avenir.Silo.Intelligence.Translation;

/// <summary><c>translation_cache_cleanup</c>: deletes the cache entries whose <c>expires_at</c> has passed.</summary>
public sealed class TranslationCacheCleanupJobHandler(
    TenantDatabase database, TimeProvider time, ILogger<TranslationCacheCleanupJobHandler> logger) : IJobHandler
{
    public const string Type = "translation_cache_cleanup";

    public string JobType => Type;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var deleted = await TranslationRows.DeleteExpiredAsync(transaction, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Translation cache cleanup: {Deleted} expired entr(ies) deleted", deleted);
        return JobResult.Completed(new { deleted, before = now });
    }
}

/// <summary>
/// Enqueues <c>translation_cache_cleanup</c> once a day: at start and then every hour it enqueues the day's job with the
/// dedupe key <c>translation_cache_cleanup:yyyy-MM-dd</c> (UTC), so however many silos run, one job runs per day.
/// </summary>
public sealed class TranslationCacheCleanupScheduler(JobQueue queue, TimeProvider time, ILogger<TranslationCacheCleanupScheduler> logger)
    : PeriodicJobScheduler(CheckInterval, "the daily translation cache cleanup", time, logger)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    public static string DedupeKey(DateTimeOffset now) => $"{TranslationCacheCleanupJobHandler.Type}:{now.UtcDateTime:yyyy-MM-dd}";

    /// <summary>Enqueues today's job unless it exists. Returns the job id when this call created it.</summary>
    public Task<Guid?> EnqueueTodayAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        return queue.EnqueueAsync(
            TranslationCacheCleanupJobHandler.Type,
            new { day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            now,
            DedupeKey(now), maxAttempts: 3, timeoutSeconds: 120, cancellationToken: cancellationToken);
    }

    protected override Task EnqueueDueJobsAsync(CancellationToken cancellationToken) => EnqueueTodayAsync(cancellationToken);
}

using Avenir.Silo.Intelligence.Translation;
using Avenir.Silo.Jobs;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Avenir.Silo.Tests.Intelligence.Ai;

public sealed class TranslationCacheCleanupTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    [Fact]
    public async Task The_daily_job_deletes_only_expired_entries_and_is_enqueued_once_a_day()
    {
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString,
            services => services.AddJobHandler<TranslationCacheCleanupJobHandler>());
        var now = harness.Time.GetUtcNow();
        var expired = await InsertAsync("expired yesterday", now.AddDays(-1));
        var expiredNow = await InsertAsync("expires this instant", now);
        var valid = await InsertAsync("still valid", now.AddDays(30));
        var scheduler = new TranslationCacheCleanupScheduler(harness.Queue, harness.Time, NullLogger<TranslationCacheCleanupScheduler>.Instance);

        var first = await scheduler.EnqueueTodayAsync();
        var again = await scheduler.EnqueueTodayAsync();
        var ran = await harness.RunUntilIdleAsync(TranslationCacheCleanupJobHandler.Type);

        Assert.NotNull(first);
        Assert.Null(again); // same day: deduplicated
        Assert.Equal(1, ran);
        Assert.Equal("completed", (await JobRow(first.Value)).Status);
        Assert.False(await ExistsAsync(expired));
        Assert.False(await ExistsAsync(expiredNow));
        Assert.True(await ExistsAsync(valid));

        harness.Time.Advance(TimeSpan.FromDays(1));
        Assert.NotNull(await scheduler.EnqueueTodayAsync()); // the next day gets its own job
        Assert.Equal(
            TranslationCacheCleanupScheduler.DedupeKey(harness.Time.GetUtcNow()),
            await fixture.ScalarAsync(
                "SELECT dedupe_key FROM queue_jobs WHERE job_type = $1 ORDER BY created_at DESC LIMIT 1", TranslationCacheCleanupJobHandler.Type));
    }

    private async Task<Guid> InsertAsync(string text, DateTimeOffset expiresAt) =>
        (Guid)(await fixture.ScalarAsync(
            "INSERT INTO translation_cache (source_text, source_language, target_language, translated_text, expires_at) "
            + "VALUES ($1, 'en', 'fr', 'x', $2) RETURNING id",
            $"{text} {Guid.NewGuid():N}", expiresAt))!;

    private async Task<bool> ExistsAsync(Guid id) =>
        (long)(await fixture.ScalarAsync("SELECT count(*) FROM translation_cache WHERE id = $1", id))! == 1;

    private async Task<(string Status, int Attempts)> JobRow(Guid id)
    {
        var status = (string)(await fixture.ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1", id))!;
        var attempts = (int)(await fixture.ScalarAsync("SELECT attempts FROM queue_jobs WHERE id = $1", id))!;
        return (status, attempts);
    }
}

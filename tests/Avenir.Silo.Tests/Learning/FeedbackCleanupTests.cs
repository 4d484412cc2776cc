using Avenir.Silo.Learning;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Avenir.Silo.Tests.Learning;

public sealed class FeedbackCleanupTests(LearningDatabaseFixture fixture) : IClassFixture<LearningDatabaseFixture>
{
    [Fact]
    public async Task Feedback_expires_a_year_after_it_is_written_by_default()
    {
        var client = await fixture.CreateClientAsync();
        var lead = await fixture.CreateLeadAsync(client);
        var id = Guid.NewGuid();
        await fixture.ScalarAsync(
            "INSERT INTO feedback_tracking (id, client_id, lead_id, action_type, outcome) VALUES ($1, $2, $3, 'user_action', 'neutral')", id, client, lead);

        Assert.Equal("t", await fixture.ScalarAsync(
            "SELECT (expires_at = created_at + interval '1 year')::text::char FROM feedback_tracking WHERE id = $1", id));
    }

    [Fact]
    public async Task The_daily_job_deletes_expired_feedback_in_batches_and_keeps_the_rest()
    {
        await using var harness = new JobHarness(fixture.Database.ApplicationConnectionString, services =>
        {
            services.AddFeedbackLearning(new ConfigurationBuilder().Build(), scheduler: false);
            services.Configure<LearningOptions>(options => options.BatchSize = 2); // several batches for one client
        });
        var now = harness.Time.GetUtcNow();
        var (first, second) = (await fixture.CreateClientAsync(), await fixture.CreateClientAsync());
        var lead = await fixture.CreateLeadAsync(first);
        var expired = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            expired.Add(await fixture.InsertAsync(
                first, lead, "system_performance", "neutral", "m", now.AddYears(-1).AddDays(-i), new { kind = "lead_enrichment" }, expiresAt: now.AddDays(-i)));
        }

        expired.Add(await fixture.InsertAsync(
            second, null, "user_action", "neutral", null, now.AddYears(-2), new { kind = "tag" }, expiresAt: now.AddMonths(-6)));
        expired.Add(await fixture.InsertAsync(
            null, null, "system_performance", "neutral", null, now.AddYears(-2), new { kind = "agency" }, expiresAt: now.AddDays(-1)));
        var kept = new[]
        {
            await fixture.InsertAsync(first, lead, "lead_conversion", "positive", "m", now, new { kind = "conversion" }, expiresAt: now.AddSeconds(1)),
            await fixture.InsertAsync(second, null, "user_action", "neutral", null, now, new { kind = "tag" }), // default: a year from now
            await fixture.InsertAsync(null, null, "system_performance", "neutral", null, now, new { kind = "agency" }, expiresAt: now.AddDays(30)),
        };

        var scheduler = new FeedbackJobsScheduler(harness.Queue, harness.Time, NullLogger<FeedbackJobsScheduler>.Instance);
        var (_, cleanupJob) = await scheduler.EnqueueDueAsync();
        Assert.NotNull(cleanupJob);
        Assert.Null((await scheduler.EnqueueDueAsync()).Cleanup); // once a day
        Assert.Equal(1, await harness.RunUntilIdleAsync(FeedbackCleanupJobHandler.Type));

        Assert.Equal("completed", await fixture.ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1", cleanupJob.Value));
        Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM feedback_tracking WHERE id = ANY($1)", expired.ToArray()));
        Assert.Equal(kept.Length, await fixture.CountAsync("SELECT count(*) FROM feedback_tracking WHERE id = ANY($1)", kept));
        Assert.Contains(
            $"\"deleted\": {expired.Count}",
            (string?)await fixture.ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1", cleanupJob.Value),
            StringComparison.Ordinal);

        harness.Time.Advance(TimeSpan.FromDays(1));
        Assert.NotNull((await scheduler.EnqueueDueAsync()).Cleanup); // the next day gets its own job
        Assert.Equal(FeedbackJobsScheduler.CleanupDedupeKey(harness.Time.GetUtcNow()),
            await fixture.ScalarAsync(
                "SELECT dedupe_key FROM queue_jobs WHERE job_type = $1 ORDER BY created_at DESC LIMIT 1", FeedbackCleanupJobHandler.Type));
    }
}

using Avenir.Grains.Prospects;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Prospects.Queue;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Avenir.Silo.Tests.Prospects.Queue;

/// <summary>
/// The <c>daily_prospect_queue</c> job on a database of its own (the selection reads every prospect): which prospects,
/// in which order (round robin over industries by score), once per day, and the scheduler's one job per day.
/// </summary>
public sealed class DailyProspectQueueTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private DatabaseSettings database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateMigratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sixteen_new_prospects_round_robin_over_industries_by_score_once_per_day_then_the_next_best_the_next_day()
    {
        // dental: 10 prospects scored 90..81; legal: 3 scored 70..68; retail: 6 scored 60..55; plus ones that must never be chosen.
        for (var i = 0; i < 10; i++)
        {
            await InsertAsync($"dental-{i}.ca", "dental", 90 - i);
        }

        for (var i = 0; i < 3; i++)
        {
            await InsertAsync($"legal-{i}.ca", "legal", 70 - i);
        }

        for (var i = 0; i < 6; i++)
        {
            await InsertAsync($"retail-{i}.ca", "retail", 60 - i);
        }

        await InsertAsync("contacted.ca", "legal", 95, contacted: true);
        await InsertAsync("dnc.ca", "legal", 95, doNotContact: true);
        var suppressed = await InsertAsync("suppressed.ca", "legal", 95);
        await OwnerSql.ScalarAsync(database, "INSERT INTO outreach_suppressions (prospect_id, reason) VALUES ($1, 'manual')", suppressed);

        await using var jobs = Jobs();
        var first = await RunForAsync(jobs, Day, "a");
        var queue = await QueueAsync(Day);

        Assert.Equal(16, queue.Count);
        // Round 1: each industry's best, by score; round 2 the second best… legal runs out after round 3.
        Assert.Equal(
            ["dental-0.ca", "legal-0.ca", "retail-0.ca", "dental-1.ca", "legal-1.ca", "retail-1.ca", "dental-2.ca", "legal-2.ca", "retail-2.ca",
             "dental-3.ca", "retail-3.ca", "dental-4.ca", "retail-4.ca", "dental-5.ca", "retail-5.ca", "dental-6.ca"],
            queue);
        Assert.Equal((16, false), (first.GetProperty("selected").GetInt32(), first.GetProperty("alreadySelected").GetBoolean()));

        // The same day again (a retry, another job naming the day): nothing is selected twice.
        var again = await RunForAsync(jobs, Day, "b");
        Assert.Equal((16, true), (again.GetProperty("selected").GetInt32(), again.GetProperty("alreadySelected").GetBoolean()));
        Assert.Equal(queue, await QueueAsync(Day));

        // The next day: only prospects never queued; three are left.
        await RunForAsync(jobs, Day.AddDays(1), "c");
        Assert.Equal(["dental-7.ca", "dental-8.ca", "dental-9.ca"], await QueueAsync(Day.AddDays(1)));
    }

    [Fact]
    public async Task The_scheduler_enqueues_one_job_per_utc_day_visible_in_the_job_list()
    {
        await using var jobs = Jobs(services => services.AddSingleton<DailyProspectQueueScheduler>());
        var scheduler = jobs.Services.GetRequiredService<DailyProspectQueueScheduler>();

        var first = await scheduler.EnqueueTodayAsync();
        var second = await scheduler.EnqueueTodayAsync();
        jobs.Time.Advance(TimeSpan.FromDays(1));
        var tomorrow = await scheduler.EnqueueTodayAsync();

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(tomorrow);
        Assert.Equal(2L, await OwnerSql.ScalarAsync(database, "SELECT count(*) FROM queue_jobs WHERE job_type = 'daily_prospect_queue'"));
        var today = DateOnly.FromDateTime(TestClock.DefaultOrigin.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("daily_prospect_queue:" + today,
            await OwnerSql.ScalarAsync(database, "SELECT dedupe_key FROM queue_jobs WHERE id = $1", first));
    }

    private JobHarness Jobs(Action<IServiceCollection>? more = null) => new(database.ApplicationConnectionString, services =>
    {
        services.AddDailyProspectQueueJob();
        more?.Invoke(services);
    });

    /// <summary>Enqueues a job for the day (its own dedupe key, as a second job naming the day would) and runs it; returns its result.</summary>
    private async Task<System.Text.Json.JsonElement> RunForAsync(JobHarness jobs, DateOnly day, string key)
    {
        var id = await jobs.Queue.EnqueueAsync(ProspectJobTypes.DailyQueue, new DailyProspectQueuePayload(day), jobs.Time.GetUtcNow(), $"test:{key}");
        Assert.Equal(1, await jobs.RunUntilIdleAsync(ProspectJobTypes.DailyQueue));
        Assert.Equal("completed", await OwnerSql.ScalarAsync(database, "SELECT status FROM queue_jobs WHERE id = $1", id));
        var result = (string)(await OwnerSql.ScalarAsync(database, "SELECT result::text FROM queue_jobs WHERE id = $1", id))!;
        return System.Text.Json.JsonDocument.Parse(result).RootElement.Clone();
    }

    private async Task<List<string>> QueueAsync(DateOnly day)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT p.website_domain FROM prospect_daily_queue q JOIN prospect_candidates p ON p.id = q.prospect_id
             WHERE q.queue_date = $1 ORDER BY q.position
            """, connection) { Parameters = { new() { Value = day } } };
        var domains = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            domains.Add(reader.GetString(0));
        }

        return domains;
    }

    private async Task<Guid> InsertAsync(string domain, string industry, int score, bool contacted = false, bool doNotContact = false) =>
        (Guid)(await OwnerSql.ScalarAsync(database,
            """
            INSERT INTO prospect_candidates (business_name, website, industry, automation_need_score, contacted, do_not_contact, do_not_contact_at)
            VALUES ($1, 'https://' || $1, $2, $3, $4, $5, CASE WHEN $5 THEN now() END) RETURNING id
            """, domain, industry, (short)score, contacted, doNotContact))!;
}

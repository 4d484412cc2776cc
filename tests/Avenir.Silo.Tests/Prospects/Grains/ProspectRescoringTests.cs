using System.Text.Json;
using Avenir.Contracts.Outreach;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Grains.Prospects.Industry;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Profile;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Avenir.Silo.Tests.Prospects.Grains;

/// <summary>
/// The two background scorers (decision 0012, addendum "rescoring"): <c>prospect_similarity</c> compares descriptions with
/// the agency profile with the silo's own MiniLM encoder and rescores them; <c>prospect_rescore</c> moves an industry's
/// prospects when its priority moves. Both write set-based at the version read and refresh the active grains.
/// </summary>
[Collection(ProspectClusterCollection.Name)]
public sealed class ProspectRescoringTests(ProspectClusterFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string CloseDescription =
        "We help small service businesses in Québec answer every lead from their website contact form within minutes, "
        + "with AI-powered automated replies in English and French.";

    private const string UnrelatedDescription = "Preheat the oven, then bake the sourdough bread for forty minutes until the crust is golden.";

    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly MiniLmSentenceEmbedder encoder = new();
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private async Task<object?> ScalarAsync(string sql, params object?[] parameters) => await OwnerSql.ScalarAsync(fixture.Database, sql, parameters);

    [Fact]
    public async Task A_description_close_to_the_agency_profile_scores_more_similarity_points_than_an_unrelated_one_once_compared()
    {
        await using var jobs = Jobs(out var profile);
        await profile.EnsureAsync();
        var close = await MergeAsync("close-" + Unique() + ".ca", "marketing", CloseDescription);
        var far = await MergeAsync("far-" + Unique() + ".ca", "marketing", UnrelatedDescription);

        // Written without embedding: the middle, "not compared yet", and one similarity job waits for both.
        Assert.Equal((4.0, "description not compared with the agency profile yet"), Similarity(await close.GetAsync()));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM queue_jobs WHERE job_type = $1 AND status = 'pending'", ProspectJobTypes.Similarity));

        Assert.Equal(1, await RunAsync(jobs, ProspectJobTypes.Similarity));

        // The grains are active: the job refreshed them, so they show what it wrote.
        var (closePoints, closeReason) = Similarity(await close.GetAsync());
        var (farPoints, farReason) = Similarity(await far.GetAsync());
        output.WriteLine($"close: {closePoints} points ({closeReason}); unrelated: {farPoints} points ({farReason})");
        Assert.True(closePoints > farPoints + 2, $"close {closePoints} ({closeReason}) vs unrelated {farPoints} ({farReason})");
        Assert.StartsWith("similarity to the agency profile", closeReason, StringComparison.Ordinal);
        var snapshot = (await close.GetAsync())!;
        Assert.Equal((short)snapshot.Score, await ScalarAsync("SELECT automation_need_score FROM prospect_candidates WHERE id = $1", snapshot.Id));
        Assert.Equal(ProfileEmbeddings.ModelName, await ScalarAsync("SELECT profile_similarity_model FROM prospect_candidates WHERE id = $1", snapshot.Id));

        // A second job finds nothing due and writes nothing (the rows keep their version).
        var version = await ScalarAsync("SELECT xmin::text FROM prospect_candidates WHERE id = $1", snapshot.Id);
        var again = await EnqueueSimilarityAsync();
        Assert.Equal(1, await RunAsync(jobs, ProspectJobTypes.Similarity));
        var result = await ResultAsync(again);
        Assert.Equal((0, 0), (result.GetProperty("compared").GetInt32(), result.GetProperty("rescored").GetInt32()));
        Assert.Equal(version, await ScalarAsync("SELECT xmin::text FROM prospect_candidates WHERE id = $1", snapshot.Id));
    }

    [Fact]
    public async Task A_changed_description_is_compared_again_and_the_grain_does_not_use_the_old_similarity_meanwhile()
    {
        await using var jobs = Jobs(out var profile);
        await profile.EnsureAsync();
        var domain = "changed-" + Unique() + ".ca";
        var grain = await MergeAsync(domain, "marketing", UnrelatedDescription);
        await RunAsync(jobs, ProspectJobTypes.Similarity);
        var before = Similarity(await grain.GetAsync()).Points;

        // A longer description from another source wins the merge: the stored similarity is of the old text.
        await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.PeopleDataLabs, Website = domain, SeenAt = At.AddDays(1), Description = CloseDescription + " Since 2012.",
        }]);
        Assert.Equal(4.0, Similarity(await grain.GetAsync()).Points);
        await RunAsync(jobs, ProspectJobTypes.Similarity);

        Assert.True(Similarity(await grain.GetAsync()).Points > before, $"{before} → {Similarity(await grain.GetAsync())}");
    }

    [Fact]
    public async Task A_moved_industry_priority_rescores_that_industrys_prospects_only_and_an_active_grain_sees_its_new_score()
    {
        var moved = "couvreurs-" + Unique();
        var still = "notaires-" + Unique();
        var active = await MergeAsync("active-" + Unique() + ".ca", moved);
        var other = await MergeAsync("other-" + Unique() + ".ca", still);

        // A prospect written set-based, whose grain is not active.
        var inactive = ProspectDomain.Parse("inactive-" + Unique() + ".ca");
        await ProspectBulkMerge.MergeAsync(new TenantDatabase(dataSource), [new ProspectImportGroup(inactive, [new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = inactive.Value, SeenAt = At, Industry = moved,
        }.ToSource(inactive)])], At, CancellationToken.None);
        Task<object?> Score(string domain) => ScalarAsync("SELECT automation_need_score FROM prospect_candidates WHERE website_domain = $1", domain);
        var (activeBefore, otherBefore, otherVersion) = ((await active.GetAsync())!.Score, await Score(other.GetPrimaryKeyString()),
            await ScalarAsync("SELECT xmin::text FROM prospect_candidates WHERE website_domain = $1", other.GetPrimaryKeyString()));

        // Ten emails sent and nothing back: 50 → 33.33; every event moved the rounded priority, one job waits.
        var sink = new IndustryPerformanceEventSink(fixture.Grains);
        foreach (var _ in Enumerable.Range(0, 10))
        {
            await sink.PublishAsync(new OutreachProspectEvent(Guid.NewGuid(), moved, OutreachActions.Sent, Guid.Empty, Guid.NewGuid(), At, null));
        }

        Assert.Equal(1L, await ScalarAsync(
            "SELECT count(*) FROM queue_jobs WHERE job_type = $1 AND status = 'pending' AND payload->>'industry' = $2", ProspectJobTypes.Rescore, moved));
        Assert.Equal(activeBefore, (await active.GetAsync())!.Score); // not before the job ran

        await using var jobs = Jobs(out _);
        await RunAsync(jobs, ProspectJobTypes.Rescore);

        // 12 × 33 / 100 = 4 points instead of 6.
        var activeAfter = (await active.GetAsync())!;
        Assert.Equal(activeBefore - 2, activeAfter.Score);
        Assert.Contains(activeAfter.ScoreExplanation, p => p is { Signal: "industry", Points: 4.0, Reason: "industry priority 33/100" });
        Assert.Equal((short)activeAfter.Score, await Score(active.GetPrimaryKeyString()));
        Assert.Equal((short)(activeBefore - 2), await Score(inactive.Value));
        Assert.Equal(otherBefore, await Score(other.GetPrimaryKeyString()));
        Assert.Equal(otherVersion, await ScalarAsync("SELECT xmin::text FROM prospect_candidates WHERE website_domain = $1", other.GetPrimaryKeyString()));
    }

    [Fact]
    public async Task A_rescore_of_every_prospect_asked_twice_while_waiting_is_one_job_and_a_rerun_changes_nothing()
    {
        var first = await fixture.Grains.GetGrain<IProspectJobsGrain>(0).StartRescoreAsync();
        var second = await fixture.Grains.GetGrain<IProspectJobsGrain>(0).StartRescoreAsync();
        Assert.Equal(first, second);

        await using var jobs = Jobs(out _);
        await RunAsync(jobs, ProspectJobTypes.Rescore);
        var third = await fixture.Grains.GetGrain<IProspectJobsGrain>(0).StartRescoreAsync();
        Assert.NotEqual(first, third); // the first one ran: a new request is a new job
        await RunAsync(jobs, ProspectJobTypes.Rescore);

        var result = await ResultAsync(third);
        Assert.True(result.GetProperty("read").GetInt32() > 0);
        Assert.Equal((0, 0), (result.GetProperty("rescored").GetInt32(), result.GetProperty("conflicts").GetInt32()));
    }

    public void Dispose()
    {
        encoder.Dispose();
        dataSource.Dispose();
    }

    private async Task<IProspectGrain> MergeAsync(string domain, string industry, string? description = null)
    {
        var grain = fixture.Grains.GetGrain<IProspectGrain>(ProspectDomain.Parse(domain).Value);
        await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = domain, SeenAt = At, Name = domain, Industry = industry, Description = description,
        }]);
        return grain;
    }

    private static (double Points, string Reason) Similarity(ProspectSnapshot? snapshot) =>
        snapshot!.ScoreExplanation.Single(p => p.Signal == "profile_similarity") is var part ? (part.Points, part.Reason) : default;

    /// <summary>Runs the due jobs of a type, the runner's clock first moved to the cluster's (jobs enqueued since are due).</summary>
    private Task<int> RunAsync(JobHarness jobs, string jobType)
    {
        jobs.Time.SetUtcNow(fixture.Clock.GetUtcNow());
        return jobs.RunUntilIdleAsync(jobType);
    }

    private async Task<Guid> EnqueueSimilarityAsync()
    {
        await using var transaction = await new TenantDatabase(dataSource).BeginForSystemAsync();
        var id = await ProspectJobRows.EnqueueSimilarityAsync(transaction, fixture.Clock.GetUtcNow());
        await transaction.CommitAsync();
        return id;
    }

    /// <summary>The job runner with both scoring handlers, the cluster's grains and the agency profile on the real encoder.</summary>
    private JobHarness Jobs(out ProfileEmbeddings profile)
    {
        var embeddings = new ProfileEmbeddings(new TenantDatabase(dataSource), () => encoder, fixture.Clock, NullLogger<ProfileEmbeddings>.Instance);
        profile = embeddings;
        return new JobHarness(fixture.Database.ApplicationConnectionString, services =>
        {
            services.AddSingleton(fixture.Grains);
            services.AddSingleton<IProfileSimilarity>(embeddings);
            services.AddProspectScoringJobs();
        }, start: fixture.Clock.GetUtcNow());
    }

    private async Task<JsonElement> ResultAsync(Guid jobId)
    {
        Assert.Equal("completed", await ScalarAsync("SELECT status FROM queue_jobs WHERE id = $1", jobId));
        var text = (string)(await ScalarAsync("SELECT result::text FROM queue_jobs WHERE id = $1", jobId))!;
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

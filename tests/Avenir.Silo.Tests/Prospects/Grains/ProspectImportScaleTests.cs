using System.Diagnostics;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Infrastructure.Database;
using Xunit.Abstractions;

namespace Avenir.Silo.Tests.Prospects.Grains;

/// <summary>
/// The set-based CSV import at the original system's size (issue 11: 34,823 prospects, 10 % duplicates), and the
/// version check that keeps a grain from overwriting what the set-based import wrote. The seconds are printed, never
/// asserted (docs/prospects.md records the figure measured).
/// </summary>
[Collection(ProspectClusterCollection.Name)]
public sealed class ProspectImportScaleTests(ProspectClusterFixture fixture, ITestOutputHelper output)
{
    public const int Rows = TestProspects.OriginalSystemRows;

    private async Task<object?> ScalarAsync(string sql, params object?[] parameters) => await OwnerSql.ScalarAsync(fixture.Database, sql, parameters);

    [Fact]
    [Trait("Category", "Benchmark")]
    public async Task A_34823_row_file_with_a_tenth_duplicates_imports_with_duplicates_merged_and_again_imports_nothing_new()
    {
        var prefix = "scale-" + Guid.NewGuid().ToString("N")[..8];
        var (csv, companies) = TestProspects.Generate(prefix, Rows);
        var import = fixture.Grains.GetGrain<IProspectImportGrain>(0);

        var clock = Stopwatch.StartNew();
        var first = await import.ImportCsvAsync(csv);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var second = await import.ImportCsvAsync(csv);
        var secondSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(
            $"import of {Rows} rows ({csv.Length / 1024} KiB, {companies} companies): {firstSeconds:F1} s; again (all unchanged): {secondSeconds:F1} s");

        Assert.Empty(first.Errors);
        Assert.Equal((companies, Rows - companies, 0, 0), (first.Imported, first.Merged, first.Unchanged, first.Rejected));
        Assert.Equal((0, 0, Rows, 0), (second.Imported, second.Merged, second.Unchanged, second.Rejected));
        Assert.Equal((long)companies, await ScalarAsync("SELECT count(*) FROM prospect_candidates WHERE website_domain LIKE $1", prefix + "-%"));

        // A company with a duplicate row is one prospect whose grain reads the row the set-based write committed.
        var merged = ProspectDomain.Parse($"{prefix}-7.ca");
        var snapshot = (await fixture.Grains.GetGrain<IProspectGrain>(merged.Value).GetAsync())!;
        Assert.Equal(["csv"], snapshot.Sources);
        Assert.Equal(5, snapshot.ScoreExplanation.Count);
        Assert.Equal((short)snapshot.Score, await ScalarAsync("SELECT automation_need_score FROM prospect_candidates WHERE website_domain = $1", merged.Value));
    }

    [Fact]
    public async Task A_grain_whose_row_the_set_based_import_rewrote_meanwhile_re_reads_it_and_loses_neither_write()
    {
        var domain = ProspectDomain.Parse($"stale-{Guid.NewGuid().ToString("N")[..10]}.ca");
        var grain = fixture.Grains.GetGrain<IProspectGrain>(domain.Value);
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var pdlRecord = new ProspectRecord
        {
            Source = ProspectSources.PeopleDataLabs, Website = domain.Value, SeenAt = at, Name = "Stale Inc", Industry = "legal",
        };
        await grain.MergeAsync([pdlRecord]);

        // The set-based import writes the row while the grain is active (the race the version check is for).
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);
        var database = new TenantDatabase(dataSource);
        var csvRecord = new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = domain.Value, SeenAt = at.AddHours(1), Name = "Stale Inc.", Language = "fr",
        };
        var bulk = await ProspectBulkMerge.MergeAsync(
            database, [new ProspectImportGroup(domain, [pdlRecord.ToSource(domain), csvRecord.ToSource(domain)])], at.AddHours(1), CancellationToken.None);
        Assert.Equal(ProspectMergeOutcome.Merged, bulk.Outcomes[domain.Value]);
        Assert.Empty(bulk.Conflicts);

        // The grain still holds the PDL-only row; its next merge finds the row changed, re-reads it and merges onto it.
        var apollo = await grain.MergeAsync(
            [new ProspectRecord { Source = ProspectSources.Apollo, Website = domain.Value, SeenAt = at.AddHours(2), City = "Lévis" }]);

        Assert.Equal(ProspectMergeOutcome.Merged, apollo.Outcome);
        Assert.Equal(new[] { "csv", "pdl", "apollo" },
            (string[])(await ScalarAsync("SELECT sources FROM prospect_candidates WHERE website_domain = $1", domain.Value))!);
        Assert.Equal("fr", await ScalarAsync("SELECT language FROM prospect_candidates WHERE website_domain = $1", domain.Value));
        Assert.Equal(new[] { "csv", "pdl", "apollo" }, (await grain.GetAsync())!.Sources);
    }
}

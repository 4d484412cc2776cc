using System.Text;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Silo.Tests.Prospects.Grains;

/// <summary>ProspectGrain, the single writer of a prospect_candidates row, and the CSV import grain, on a real PostgreSQL.</summary>
[Collection(ProspectClusterCollection.Name)]
public sealed class ProspectGrainTests(ProspectClusterFixture fixture)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private async Task<object?> ScalarAsync(string sql, params object?[] parameters) => await OwnerSql.ScalarAsync(fixture.Database, sql, parameters);

    [Fact]
    public async Task The_same_company_from_pdl_apollo_and_csv_written_three_ways_is_one_merged_prospect()
    {
        var name = "café-lévis-" + Unique();
        var domain = ProspectDomain.Parse($"{name}.ca").Value; // punycode
        var at = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero); // whole seconds: PostgreSQL keeps microseconds
        var grain = fixture.Grains.GetGrain<IProspectGrain>(domain);

        var pdl = await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.PeopleDataLabs, Website = $"{name}.ca", SeenAt = at, Name = "cafe levis inc", Industry = "restaurants",
            EmployeeCount = 8, Region = "quebec", SourceId = "pdl-1",
        }]);
        var apollo = await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Apollo, Website = $"http://WWW.{name.ToUpperInvariant()}.ca/", SeenAt = at.AddMinutes(-5),
            Name = "Café Lévis (Apollo)", Industry = "food & beverages", City = "Lévis",
        }]);
        var csv = await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = $"https://www.{name}.ca/contact/?utm=1", SeenAt = at.AddMinutes(5),
            Name = "Café Lévis", Language = "fr", Email = "info@example.ca",
        }]);

        Assert.Equal((ProspectMergeOutcome.Created, ProspectMergeOutcome.Merged, ProspectMergeOutcome.Merged), (pdl.Outcome, apollo.Outcome, csv.Outcome));
        Assert.Equal(pdl.ProspectId, csv.ProspectId);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM prospect_candidates WHERE website_domain = $1", domain));
        Task<object?> Column(string column) => ScalarAsync($"SELECT {column} FROM prospect_candidates WHERE id = $1", csv.ProspectId);
        Assert.Equal(("Café Lévis", "fr", "csv", 8),
            ((string?)await Column("business_name"), (string?)await Column("language"), (string?)await Column("source"), (int?)await Column("employee_count")));
        Assert.Equal(new[] { "csv", "pdl", "apollo" }, (string[])(await Column("sources"))!);
        Assert.Equal(at.AddMinutes(-5).UtcDateTime, (DateTime)(await Column("first_seen_at"))!);
        Assert.Equal(at.AddMinutes(5).UtcDateTime, (DateTime)(await Column("last_seen_at"))!);

        // The score is the documented formula's, stored with one explanation entry per signal.
        var snapshot = (await grain.GetAsync())!;
        Assert.Equal(["industry", "company_size", "contact_form", "form_test", "profile_similarity"], snapshot.ScoreExplanation.Select(p => p.Signal));
        Assert.Equal(snapshot.Score, (int)Math.Round(45 + snapshot.ScoreExplanation.Sum(p => p.Points), MidpointRounding.AwayFromZero));
        Assert.Equal((short)snapshot.Score, await ScalarAsync("SELECT automation_need_score FROM prospect_candidates WHERE id = $1", csv.ProspectId));
        Assert.Equal(5, await ScalarAsync("SELECT jsonb_array_length(score_explanation) FROM prospect_candidates WHERE id = $1", csv.ProspectId));

        // The same record again (a retried job, a re-import) tells nothing new and writes nothing.
        var updatedAt = await ScalarAsync("SELECT updated_at FROM prospect_candidates WHERE id = $1", csv.ProspectId);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = $"https://www.{name}.ca/contact/?utm=1", SeenAt = at.AddDays(1),
            Name = "Café Lévis", Language = "fr", Email = "info@example.ca",
        }]);
        Assert.Equal(ProspectMergeOutcome.Unchanged, again.Outcome);
        Assert.Equal(updatedAt, await ScalarAsync("SELECT updated_at FROM prospect_candidates WHERE id = $1", csv.ProspectId));
    }

    [Fact]
    public async Task A_record_of_another_domain_is_refused_and_a_key_that_is_not_normalised_cannot_activate()
    {
        var domain = $"shop-{Unique()}.ca";
        var grain = fixture.Grains.GetGrain<IProspectGrain>(domain);
        await Assert.ThrowsAsync<ArgumentException>(() => grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = "other-company.ca", SeenAt = fixture.Clock.GetUtcNow(),
        }]));
        Assert.Null(await grain.GetAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Grains.GetGrain<IProspectGrain>("WWW." + domain.ToUpperInvariant()).GetAsync());
    }

    [Fact]
    public async Task A_form_test_signal_and_the_industry_priority_recompute_the_score_and_its_explanation()
    {
        var industry = "industry-" + Unique();
        var domain = $"plomberie-{Unique()}.ca";
        var grain = fixture.Grains.GetGrain<IProspectGrain>(domain);
        var created = await grain.MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = domain, SeenAt = fixture.Clock.GetUtcNow(), Name = "Plomberie", Industry = industry, EmployeeCount = 4,
        }]);
        var before = (await grain.GetAsync())!;
        Assert.Equal(6, before.ScoreExplanation.Single(p => p.Signal == "industry").Points); // unknown industry: the middle
        Assert.Null(await ScalarAsync("SELECT last_tested FROM prospect_candidates WHERE id = $1", created.ProspectId));

        var testing = fixture.Clock.GetUtcNow();
        await grain.RecordFormTestAsync(new ProspectFormTestSignal(FormTestStatuses.Failed, AutoresponderTones.None, null, FormFound: false));
        var noForm = (await grain.GetAsync())!;
        Assert.Equal(8, noForm.ScoreExplanation.Single(p => p.Signal == "contact_form").Points);
        Assert.Equal(12, noForm.ScoreExplanation.Single(p => p.Signal == "form_test").Points); // no form to test
        Assert.Equal(before.Score + 4 + 6, noForm.Score); // contact form 4 → 8, form test (not run) 6 → 12
        Assert.False((bool)(await ScalarAsync("SELECT has_contact_form FROM prospect_candidates WHERE id = $1", created.ProspectId))!);
        // The finished test dates the prospect as tested, at the grain's clock (the lists' "tested" filter reads it).
        var tested = (DateTime)(await ScalarAsync("SELECT last_tested FROM prospect_candidates WHERE id = $1", created.ProspectId))!;
        Assert.InRange(new DateTimeOffset(tested), testing.AddTicks(-10), fixture.Clock.GetUtcNow()); // microseconds in PostgreSQL

        await ScalarAsync("INSERT INTO prospect_industry_performance (industry, priority_score) VALUES ($1, 100)", industry);
        Assert.Equal(noForm.Score + 6, await grain.RescoreAsync()); // industry: 6 → 12
        Assert.Equal((short)(noForm.Score + 6), await ScalarAsync("SELECT automation_need_score FROM prospect_candidates WHERE id = $1", created.ProspectId));
    }

    [Fact]
    public async Task The_application_role_sees_prospects_only_in_system_scope()
    {
        var domain = $"rls-{Unique()}.ca";
        await fixture.Grains.GetGrain<IProspectGrain>(domain).MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = domain, SeenAt = fixture.Clock.GetUtcNow(), Name = "RLS",
        }]);
        var database = new TenantDatabase(NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString));
        var clientId = await OwnerSql.CreateClientAsync(fixture.Database, "rls-prospects");

        await using (var tenant = await database.BeginForClientAsync(clientId))
        {
            Assert.Equal(0L, await tenant.ExecuteScalarAsync<long>("SELECT count(*) FROM prospect_candidates WHERE website_domain = @domain", new { domain }));
        }

        await using var system = await database.BeginForSystemAsync();
        Assert.Equal(1L, await system.ExecuteScalarAsync<long>("SELECT count(*) FROM prospect_candidates WHERE website_domain = @domain", new { domain }));
    }

    [Fact]
    public async Task A_csv_import_merges_duplicates_reports_bad_lines_and_a_second_import_imports_nothing_new()
    {
        var a = $"alpha-{Unique()}.ca";
        var b = $"beta-{Unique()}.ca";
        var csv = Encoding.UTF8.GetBytes(
            "entreprise;site_web;secteur;taille\n"
            + $"Alpha;https://www.{a}/;dental;5\n"
            + $"Beta;{b};legal;12\n"
            + "Sans site;;legal;3\n"
            + $"Alpha bis;http://{a.ToUpperInvariant()}/contact;dental;5\n");
        var import = fixture.Grains.GetGrain<IProspectImportGrain>(0);

        var first = await import.ImportCsvAsync(csv);
        var second = await import.ImportCsvAsync(csv);

        Assert.Equal((2, 1, 0, 1), (first.Imported, first.Merged, first.Unchanged, first.Rejected));
        Assert.Equal(4L, Assert.Single(first.Errors).Line);
        Assert.Equal((0, 0, 3, 1), (second.Imported, second.Merged, second.Unchanged, second.Rejected));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM prospect_candidates WHERE website_domain IN ($1, $2)", a, b));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;

namespace Avenir.Api.Tests.Prospects;

/// <summary>The ideal customer profile as data: <c>GET/PUT /api/admin/prospects/icp</c> (admin only, 400 problems per field).</summary>
[Collection(ProspectApiCollection.Name)]
public sealed class ProspectIcpApiTests(ProspectApiFixture fixture)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<DashboardSession> AdminAsync() => await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

    [Fact]
    public async Task An_admin_replaces_the_icp_normalised_and_reads_it_back_from_the_table()
    {
        using var admin = await AdminAsync();

        var put = await admin.SendAsync(HttpMethod.Put, "/api/admin/prospects/icp", new
        {
            industries = new[] { " Dental ", "dental", "Law Practice" },
            regions = new[] { new { country = "Canada", region = "Quebec", city = "Lévis" } },
            languages = new[] { "fr", "EN" },
            minEmployees = 1,
            maxEmployees = 50,
            keywords = new[] { "orthodontie" },
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await admin.GetJsonAsync("/api/admin/prospects/icp");
        Assert.Equal(["dental", "law practice"], got.GetProperty("industries").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["fr", "en"], got.GetProperty("languages").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("lévis", got.GetProperty("regions")[0].GetProperty("city").GetString());
        Assert.Equal((1, 50), (got.GetProperty("minEmployees").GetInt32(), got.GetProperty("maxEmployees").GetInt32()));
        Assert.Equal("{dental,\"law practice\"}", await OwnerSql.ScalarAsync(fixture.Database, "SELECT industries::text FROM prospect_icp"));
    }

    [Fact]
    public async Task An_invalid_icp_is_a_400_naming_each_field_and_changes_nothing()
    {
        using var admin = await AdminAsync();
        var before = await OwnerSql.ScalarAsync(fixture.Database, "SELECT updated_at FROM prospect_icp");

        var invalid = await admin.SendAsync(HttpMethod.Put, "/api/admin/prospects/icp", new
        {
            industries = Array.Empty<string>(),
            regions = new[] { new { country = " ", region = (string?)null, city = (string?)null } },
            languages = new[] { "de" },
            minEmployees = 100,
            maxEmployees = 10,
        });
        var text = new HttpRequestMessage(HttpMethod.Put, "/api/admin/prospects/icp")
        {
            Content = new StringContent("industries=dental", Encoding.UTF8, "text/plain"),
        };
        text.Headers.Add("X-CSRF-Token", admin.CsrfToken);
        var wrongType = await admin.Browser.SendAsync(text);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await JsonAsync(invalid);
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.Equal(["industries", "languages", "maxEmployees", "regions"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(before, await OwnerSql.ScalarAsync(fixture.Database, "SELECT updated_at FROM prospect_icp"));
    }

    [Fact]
    public async Task Discover_answers_202_with_the_id_of_a_committed_discovery_job_carrying_the_icp()
    {
        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, "/api/admin/prospects/icp",
            new { industries = new[] { "roofing" }, languages = new[] { "fr" } })).StatusCode);

        var response = await admin.PostAsync("/api/admin/prospects/discover");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await JsonAsync(response)).GetProperty("jobId").GetGuid();
        Assert.Equal("prospect_discovery", await OwnerSql.ScalarAsync(fixture.Database, "SELECT job_type FROM queue_jobs WHERE id = $1", jobId));
        Assert.Equal("roofing", await OwnerSql.ScalarAsync(fixture.Database, "SELECT payload->'icp'->'industries'->>0 FROM queue_jobs WHERE id = $1", jobId));
        Assert.Equal($"/api/admin/prospects/jobs/{jobId}", response.Headers.Location?.ToString());
        var status = await admin.GetJsonAsync($"/api/admin/prospects/jobs/{jobId}");
        Assert.Equal("prospect_discovery", status.GetProperty("jobType").GetString());
        Assert.Contains(status.GetProperty("status").GetString(), new[] { "pending", "running", "completed" }); // a silo's worker may have run it
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/prospects/jobs/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Rescore_answers_202_with_the_id_of_a_committed_rescore_job_of_every_prospect_and_a_client_is_refused()
    {
        using var admin = await AdminAsync();
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: false));

        var response = await admin.PostAsync("/api/admin/prospects/rescore");
        var refused = await client.PostAsync("/api/admin/prospects/rescore");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await JsonAsync(response)).GetProperty("jobId").GetGuid();
        Assert.Equal("prospect_rescore", await OwnerSql.ScalarAsync(fixture.Database, "SELECT job_type FROM queue_jobs WHERE id = $1", jobId));
        Assert.Equal("null", await OwnerSql.ScalarAsync(fixture.Database, "SELECT payload->'industry'::text FROM queue_jobs WHERE id = $1", jobId));
        Assert.Equal($"/api/admin/prospects/jobs/{jobId}", response.Headers.Location?.ToString());
        Assert.Equal("prospect_rescore", (await admin.GetJsonAsync($"/api/admin/prospects/jobs/{jobId}")).GetProperty("jobType").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_form_test_answers_202_with_its_pending_row_and_job_404_for_no_prospect_409_for_do_not_contact()
    {
        using var admin = await AdminAsync();
        var domain = $"formulaire-{Guid.NewGuid().ToString("N")[..10]}.ca";
        var prospect = (Guid)(await OwnerSql.ScalarAsync(fixture.Database,
            "INSERT INTO prospect_candidates (business_name, website) VALUES ('Formulaire', 'https://' || $1) RETURNING id", domain))!;
        var refused = (Guid)(await OwnerSql.ScalarAsync(fixture.Database,
            """
            INSERT INTO prospect_candidates (business_name, website, do_not_contact, do_not_contact_at)
            VALUES ('Non', 'https://non-' || $1, true, now()) RETURNING id
            """,
            domain))!;

        var started = await admin.PostAsync($"/api/admin/prospects/{prospect}/form-tests");
        var missing = await admin.PostAsync($"/api/admin/prospects/{Guid.NewGuid()}/form-tests");
        var doNotContact = await admin.PostAsync($"/api/admin/prospects/{refused}/form-tests");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await JsonAsync(started);
        var testId = body.GetProperty("testId").GetGuid();
        Assert.Equal("pending", await OwnerSql.ScalarAsync(fixture.Database, "SELECT test_status FROM prospect_form_tests WHERE id = $1", testId));
        Assert.Equal("prospect_form_test",
            await OwnerSql.ScalarAsync(fixture.Database, "SELECT job_type FROM queue_jobs WHERE id = $1", body.GetProperty("jobId").GetGuid()));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Conflict), (missing.StatusCode, doNotContact.StatusCode));
        Assert.Equal("do_not_contact", (await JsonAsync(doNotContact)).GetProperty("code").GetString());
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM prospect_form_tests WHERE prospect_id = $1", refused));
    }

    [Fact]
    public async Task A_client_session_cannot_read_or_write_the_icp()
    {
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: false));

        var get = await client.GetAsync("/api/admin/prospects/icp");
        var put = await client.SendAsync(HttpMethod.Put, "/api/admin/prospects/icp", new { industries = new[] { "x" }, languages = new[] { "en" } });
        var discover = await client.PostAsync("/api/admin/prospects/discover");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (get.StatusCode, put.StatusCode, discover.StatusCode));
    }

    [Fact]
    public async Task The_sources_page_lists_every_source_and_says_none_is_configured_here_and_only_admins_see_it()
    {
        using var admin = await AdminAsync();
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: false));

        var sources = await admin.GetJsonAsync("/api/admin/prospects/sources");
        var forbidden = await client.SendAsync(HttpMethod.Get, "/api/admin/prospects/sources", null);

        Assert.Equal(["pdl", "apollo", "google"], sources.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(sources.EnumerateArray(), s => Assert.False(s.GetProperty("configured").GetBoolean())); // no keys in the test silo
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

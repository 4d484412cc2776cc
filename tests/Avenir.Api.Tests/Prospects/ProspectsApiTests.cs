using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;

namespace Avenir.Api.Tests.Prospects;

/// <summary>The admin prospects API over real HTTP: CSV import (text/csv and multipart), the list and one prospect.</summary>
[Collection(ProspectApiCollection.Name)]
public sealed class ProspectsApiTests(ProspectApiFixture fixture)
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static Task<HttpResponseMessage> ImportAsync(DashboardSession session, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/prospects/import") { Content = content };
        request.Headers.Add("X-CSRF-Token", session.CsrfToken);
        return session.Browser.SendAsync(request);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<DashboardSession> AdminAsync() => await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

    [Fact]
    public async Task An_import_reports_bad_rows_by_spreadsheet_line_imports_the_rest_and_is_idempotent()
    {
        using var admin = await AdminAsync();
        var (a, b, c) = ($"dentiste-{Unique()}.ca", $"avocat-{Unique()}.ca", $"garage-{Unique()}.ca");
        var industry = "dental-" + Unique();
        var csv = "\uFEFFbusiness_name,website,industry,employees,email\n"
            + $"Dentiste A,https://www.{a}/,{industry},4,info@{a}\n"
            + $"Avocat B,{b},legal,20,\n"
            + "No site,,legal,3,\n"
            + $"Garage C,{c},auto,many,\n"
            + $"Dentiste A (bis),http://{a.ToUpperInvariant()}/contact,{industry},4,info@{a}\n";

        var first = await ImportAsync(admin, Csv(csv));
        var second = await ImportAsync(admin, Csv(csv));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var report = await JsonAsync(first);
        Assert.Equal((2, 1, 0, 2), (report.GetProperty("imported").GetInt32(), report.GetProperty("merged").GetInt32(),
            report.GetProperty("unchanged").GetInt32(), report.GetProperty("rejected").GetInt32()));
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([4L, 5L], errors.Select(e => e.GetProperty("line").GetInt64()).Order());
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        var again = await JsonAsync(second);
        Assert.Equal((0, 0, 3, 2), (again.GetProperty("imported").GetInt32(), again.GetProperty("merged").GetInt32(),
            again.GetProperty("unchanged").GetInt32(), again.GetProperty("rejected").GetInt32()));

        // The list finds the merged prospect by its industry and source; its detail has the sources and the explanation.
        var page = await admin.GetJsonAsync($"/api/admin/prospects?industry={industry}&source=csv&sort=name");
        Assert.Equal(1, page.GetProperty("total").GetInt64());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray().ToList());
        // Two rows of one source for one company: the later row is that source's latest record (ProspectMerge).
        Assert.Equal((a, "Dentiste A (bis)"), (item.GetProperty("domain").GetString(), item.GetProperty("businessName").GetString()));
        var detail = await admin.GetJsonAsync($"/api/admin/prospects/{item.GetProperty("id").GetGuid()}");
        var prospect = detail.GetProperty("prospect");
        Assert.Equal(["csv"], prospect.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(5, prospect.GetProperty("scoreExplanation").GetArrayLength());
        Assert.Equal(item.GetProperty("score").GetInt32(),
            (int)Math.Round(45 + prospect.GetProperty("scoreExplanation").EnumerateArray().Sum(p => p.GetProperty("points").GetDouble()),
                MidpointRounding.AwayFromZero));
        Assert.Equal(0, detail.GetProperty("formTests").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/prospects/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_multipart_file_with_french_headers_and_semicolons_imports()
    {
        using var admin = await AdminAsync();
        var domain = $"clinique-{Unique()}.ca";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"entreprise;site_web;secteur\nClinique;{domain};dental\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "prospects.csv");

        var response = await ImportAsync(admin, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await JsonAsync(response)).GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task A_body_that_says_multipart_but_is_not_is_a_400_problem_not_a_500()
    {
        using var admin = await AdminAsync();
        // The fuzz suite's find (seed 9457): multipart/form-data without a boundary, a JSON body.
        var content = new StringContent("""{"field":"${jndi:ldap://x/a}"}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");

        var response = await ImportAsync(admin, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("multipart_invalid", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_requests_are_precise_problems()
    {
        using var admin = await AdminAsync();

        var json = await ImportAsync(admin, new StringContent("{}", Encoding.UTF8, "application/json"));
        var empty = await ImportAsync(admin, Csv(""));
        var noWebsite = await JsonAsync(await ImportAsync(admin, Csv("name,city\nA,Lévis\n")));
        var badFilter = await admin.GetAsync("/api/admin/prospects?minScore=abc");
        var nul = await ImportAsync(admin, Csv("website\nnul\u0000.ca\n"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("unsupported_media_type", (await JsonAsync(json)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("csv_empty", (await JsonAsync(empty)).GetProperty("code").GetString());
        Assert.Equal(1L, Assert.Single(noWebsite.GetProperty("errors").EnumerateArray().ToList()).GetProperty("line").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal("csv_unreadable", (await JsonAsync(nul)).GetProperty("code").GetString());
        Assert.Equal(("invalid_request", "minScore"),
            ((await JsonAsync(badFilter)).GetProperty("code").GetString(), (await JsonAsync(badFilter)).GetProperty("parameter").GetString()));
    }

    [Fact]
    public async Task A_client_session_gets_403_and_no_session_401()
    {
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: false));

        var import = await ImportAsync(client, Csv("website\nclient-try.ca\n"));
        var list = await client.GetAsync("/api/admin/prospects");
        var anonymous = await fixture.Http.GetAsync("/api/admin/prospects");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized),
            (import.StatusCode, list.StatusCode, anonymous.StatusCode));
        Assert.Equal("forbidden", (await JsonAsync(list)).GetProperty("code").GetString());
        Assert.Null(await OwnerSql.ScalarAsync(fixture.Database, "SELECT id FROM prospect_candidates WHERE website_domain = 'client-try.ca'"));
    }
}

using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;

namespace Avenir.Api.Tests.Outreach;

/// <summary>The admin templates API over real HTTP: save validation names the variable, preview with a real prospect, admin only.</summary>
[Collection(OutreachApiCollection.Name)]
public sealed class OutreachTemplatesApiTests(OutreachApiFixture fixture)
{
    private const string Templates = "/api/admin/outreach/templates";

    private async Task<DashboardSession> AdminAsync() => await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static object Template(string name, string subject = "An idea for {{ business_name }}", string? html = null,
        object[]? variables = null) => new
    {
        name,
        language = "en",
        subject,
        html = html ?? "<p>Hi {{ contact_first_name }},</p>",
        text = "Hi {{ contact_first_name }}",
        variables = variables ?? [new { name = "business_name" }, new { name = "contact_first_name", required = true }],
    };

    [Fact]
    public async Task A_valid_template_is_created_read_listed_replaced_and_deleted()
    {
        using var admin = await AdminAsync();
        var name = $"Intro {Guid.NewGuid():N}";

        var created = await admin.PostAsync(Templates, Template(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();
        Assert.Equal($"{Templates}/{id}", created.Headers.Location?.OriginalString);

        var read = await admin.GetJsonAsync($"{Templates}/{id}");
        Assert.Equal("An idea for {{ business_name }}", read.GetProperty("subject").GetString());
        Assert.Equal(2, read.GetProperty("variables").GetArrayLength());
        Assert.Contains((await admin.GetJsonAsync(Templates + "?language=en")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);

        var replaced = await admin.SendAsync(HttpMethod.Put, $"{Templates}/{id}", Template(name, subject: "For {{ business_name }}"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("For {{ business_name }}", (await JsonAsync(replaced)).GetProperty("subject").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(Templates, Template(name))).StatusCode); // same name, same language

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"{Templates}/{id}")).StatusCode);
        await AssertProblemAsync(await admin.GetAsync($"{Templates}/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.SendAsync(HttpMethod.Delete, $"{Templates}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_clients_auto_reply_templates_are_neither_listed_read_replaced_deleted_nor_created_here()
    {
        using var admin = await AdminAsync();
        var autoReply = (Guid)(await fixture.ScalarAsync(
            "SELECT id FROM email_templates WHERE category = 'auto_reply' AND language = 'en' ORDER BY name LIMIT 1"))!;
        var before = (string)(await fixture.ScalarAsync("SELECT md5(row(t.*)::text) FROM email_templates t WHERE id = $1", autoReply))!;

        Assert.DoesNotContain((await admin.GetJsonAsync(Templates)).EnumerateArray(), t => t.GetProperty("category").GetString() == "auto_reply");
        await AssertProblemAsync(await admin.GetAsync($"{Templates}/{autoReply}"), HttpStatusCode.NotFound);
        var replaced = await AssertProblemAsync(
            await admin.SendAsync(HttpMethod.Put, $"{Templates}/{autoReply}", Template($"Hijack {Guid.NewGuid():N}")), HttpStatusCode.BadRequest);
        Assert.Contains("reserved_template", replaced.GetRawText(), StringComparison.Ordinal);
        await AssertProblemAsync(await admin.SendAsync(HttpMethod.Delete, $"{Templates}/{autoReply}"), HttpStatusCode.NotFound);
        var categorised = new Dictionary<string, object?>
        {
            ["name"] = $"Fake {Guid.NewGuid():N}", ["language"] = "en", ["category"] = "auto_reply", ["subject"] = "Hi", ["html"] = "<p>Hi</p>",
            ["text"] = "Hi", ["variables"] = Array.Empty<object>(),
        };
        await AssertProblemAsync(await admin.PostAsync(Templates, categorised), HttpStatusCode.BadRequest);

        Assert.Equal(before, await fixture.ScalarAsync("SELECT md5(row(t.*)::text) FROM email_templates t WHERE id = $1", autoReply));
    }

    [Fact]
    public async Task Saving_an_undeclared_or_unknown_variable_is_a_400_that_names_it_and_stores_nothing()
    {
        using var admin = await AdminAsync();
        var name = $"Broken {Guid.NewGuid():N}";

        // "city" is a known variable the template does not declare; "favourite_colour" is declared but no such variable exists.
        var refused = await admin.PostAsync(Templates, Template(name, subject: "News from {{ city }}",
            variables: [new { name = "contact_first_name" }, new { name = "favourite_colour" }]));

        var problem = await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_template", problem.GetProperty("code").GetString());
        var problems = problem.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("code").GetString() == "undeclared_variable" && p.GetProperty("variable").GetString() == "city");
        Assert.Contains(problems, p => p.GetProperty("code").GetString() == "unknown_variable"
            && p.GetProperty("variable").GetString() == "favourite_colour");
        Assert.True(problem.GetProperty("errors").TryGetProperty("city", out _));
        Assert.Contains("city", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await admin.GetJsonAsync(Templates)).EnumerateArray(), t => t.GetProperty("name").GetString() == name);

        var incomplete = await admin.PostAsync(Templates, new { name, language = "en" });
        var missing = await AssertProblemAsync(incomplete, HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task Preview_renders_with_a_real_prospect_and_names_a_required_value_it_lacks()
    {
        using var admin = await AdminAsync();
        var created = await admin.PostAsync(Templates, Template($"Preview {Guid.NewGuid():N}"));
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();
        var prospect = await fixture.AddProspectAsync($"pv-{Guid.NewGuid():N}"[..12], "owner@preview.example");
        var business = (string)(await fixture.ScalarAsync("SELECT business_name FROM prospect_candidates WHERE id = $1", prospect))!;

        var preview = await admin.PostAsync($"{Templates}/{id}/preview", new { prospectId = prospect });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var rendered = await JsonAsync(preview);
        Assert.Equal($"An idea for {business}", rendered.GetProperty("subject").GetString());
        Assert.Equal("<p>Hi Sophie,</p>", rendered.GetProperty("html").GetString());

        await AssertProblemAsync(await admin.PostAsync($"{Templates}/{id}/preview", new { prospectId = Guid.NewGuid() }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.PostAsync($"{Templates}/{Guid.NewGuid()}/preview", new { prospectId = prospect }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.PostAsync($"{Templates}/{id}/preview", new { }), HttpStatusCode.BadRequest);

        // A prospect without a first name: the required variable has no value, and the answer says which.
        await fixture.ScalarAsync("UPDATE prospect_candidates SET metadata = metadata - 'contact_first_name' WHERE id = $1", prospect);
        var lacking = await AssertProblemAsync(await admin.PostAsync($"{Templates}/{id}/preview", new { prospectId = prospect }), HttpStatusCode.BadRequest);
        Assert.Contains(lacking.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("code").GetString() == "missing_value" && p.GetProperty("variable").GetString() == "contact_first_name");
    }

    [Fact]
    public async Task Templates_are_for_admins_only_and_writes_need_the_csrf_token()
    {
        using var client = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        using var admin = await AdminAsync();
        using var anonymous = fixture.NewBrowser();

        await AssertProblemAsync(await anonymous.GetAsync(Templates), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await client.GetAsync(Templates), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.PostAsync(Templates, Template($"Client {Guid.NewGuid():N}")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await admin.SendAsync(HttpMethod.Post, Templates, Template($"No CSRF {Guid.NewGuid():N}"), withCsrf: false),
            HttpStatusCode.Forbidden);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage answer, HttpStatusCode status)
    {
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == status, $"{(int)answer.StatusCode}: {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }
}

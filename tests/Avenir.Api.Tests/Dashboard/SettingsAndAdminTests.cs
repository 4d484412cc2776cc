using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;

namespace Avenir.Api.Tests.Dashboard;

[Collection(ApiCollection.Name)]
public sealed class SettingsAndAdminTests(ApiFixture fixture)
{
    private static object Settings(string language = "fr", string emailTone = "Formal", string bookingLink = "https://cal.example.com/me",
        string[]? origins = null, string? thankYouUrl = "https://plomberie.example.com/merci") => new
    {
        language,
        emailTone,
        aiPersonalizedReply = false,
        bookingLink,
        allowedOrigins = origins ?? ["https://Plomberie.example.com:443", "http://localhost:8080"],
        thankYouUrl,
    };

    [Fact]
    public async Task Settings_are_saved_normalised_and_served_to_intake_at_once()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);

        var put = await session.SendAsync(HttpMethod.Put, "/api/dashboard/settings", Settings());
        var read = await session.GetJsonAsync("/api/dashboard/settings");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Formal", read.GetProperty("emailTone").GetString());
        Assert.False(read.GetProperty("aiPersonalizedReply").GetBoolean());
        Assert.Equal(
            ["https://plomberie.example.com", "http://localhost:8080"], read.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("Formal", await Rows.ScalarAsync(
            fixture.Database.OwnerConnectionString, "SELECT email_tone FROM clients WHERE client_id = $1", account.ClientId));
        // The grain's cached profile is what intake checks origins against and redirects plain form posts to.
        var fromNewOrigin = await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(account.FormKey), "http://localhost:8080"));
        Assert.Equal(HttpStatusCode.SeeOther, fromNewOrigin.StatusCode);
        Assert.Equal("https://plomberie.example.com/merci", fromNewOrigin.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("language", "{\"language\":\"de\",\"emailTone\":\"Formal\",\"aiPersonalizedReply\":true,\"allowedOrigins\":[]}")]
    [InlineData("emailTone", "{\"language\":\"en\",\"emailTone\":\"Sarcastic\",\"aiPersonalizedReply\":true,\"allowedOrigins\":[]}")]
    [InlineData("bookingLink", "{\"language\":\"en\",\"emailTone\":\"Formal\",\"aiPersonalizedReply\":true,\"bookingLink\":\"javascript:alert(1)\"}")]
    [InlineData("thankYouUrl", "{\"language\":\"en\",\"emailTone\":\"Formal\",\"aiPersonalizedReply\":true,\"thankYouUrl\":\"ftp://example.com/x\"}")]
    [InlineData("allowedOrigins",
        "{\"language\":\"en\",\"emailTone\":\"Formal\",\"aiPersonalizedReply\":true,\"allowedOrigins\":[\"https://example.com/contact\"]}")]
    [InlineData("allowedOrigins", "{\"language\":\"en\",\"emailTone\":\"Formal\",\"aiPersonalizedReply\":true,\"allowedOrigins\":[\"example.com\"]}")]
    [InlineData("aiPersonalizedReply", "{\"language\":\"en\",\"emailTone\":\"Formal\"}")]
    public async Task Invalid_settings_get_400_naming_the_field_and_change_nothing(string field, string json)
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/dashboard/settings")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-Token", session.CsrfToken);

        var response = await session.Browser.SendAsync(request);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"names {field}: {problem}");
        Assert.Equal("Friendly", await Rows.ScalarAsync(
            fixture.Database.OwnerConnectionString, "SELECT email_tone FROM clients WHERE client_id = $1", account.ClientId));
    }

    [Fact]
    public async Task Rotating_the_key_returns_a_new_key_once_and_keeps_the_old_one_for_the_grace_period()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);

        var response = await session.PostAsync("/api/dashboard/settings/rotate-key");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var newKey = body.GetProperty("apiKey").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("avk_", newKey, StringComparison.Ordinal);
        Assert.True(body.GetProperty("previousKeyValidUntil").GetDateTimeOffset() > fixture.Clock.GetUtcNow().AddHours(23));
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "new key lead"), newKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "old key lead"), account.ApiKey))).StatusCode);
    }

    [Fact]
    public async Task Snippet_is_a_form_posting_to_the_intake_with_the_form_key_and_a_honeypot()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);

        var snippet = await session.GetJsonAsync("/api/dashboard/snippet");

        var html = snippet.GetProperty("html").GetString()!;
        Assert.Contains($"action=\"{fixture.Http.BaseAddress!.ToString().TrimEnd('/')}/api/lead\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"key\" value=\"{account.FormKey}\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"_honeypot\"", html, StringComparison.Ordinal);
        Assert.Contains("fetch(form.action", snippet.GetProperty("script").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_endpoints_refuse_a_client_with_403()
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());

        await Problems.AssertAsync(await session.GetAsync("/api/admin/clients"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await session.PostAsync("/api/admin/clients", new { businessName = "X" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await session.PostAsync($"/api/admin/clients/{session.Account.ClientId}/rotate-key"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Admin_creates_a_client_that_can_sign_in_and_post_leads_and_lists_it()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var email = $"new-{Guid.NewGuid():N}@example.com";

        var created = await admin.PostAsync("/api/admin/clients", new
        {
            businessName = "Toiture Nouvelle",
            email,
            password = "a strong first password",
            language = "fr",
            emailTone = "Energetic",
            allowedOrigins = new[] { "https://toiture.example.com" },
        });
        var duplicate = await admin.PostAsync(
            "/api/admin/clients", new { businessName = "Again", email = email.ToUpperInvariant(), password = "a strong first password" });
        var invalid = await admin.PostAsync("/api/admin/clients", new { businessName = "", email = "nope", password = "short" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = body.GetProperty("clientId").GetGuid();
        var apiKey = body.GetProperty("apiKey").GetString()!;
        Assert.StartsWith("pk_", body.GetProperty("formKey").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(duplicate, HttpStatusCode.Conflict, "email_taken");
        var problem = await Problems.AssertAsync(invalid, HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        using var browser = fixture.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/login", new { email, password = "a strong first password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), apiKey))).StatusCode);

        var clients = await admin.GetJsonAsync("/api/admin/clients");
        var listed = Assert.Single(clients.EnumerateArray(), c => c.GetProperty("clientId").GetGuid() == clientId);
        Assert.Equal("Toiture Nouvelle", listed.GetProperty("businessName").GetString());
        Assert.Equal(1, listed.GetProperty("leadsThisWeek").GetInt64());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lastLeadAt").ValueKind);
        Assert.False(listed.GetProperty("isTest").GetBoolean());
    }

    [Fact]
    public async Task Admin_key_rotation_revokes_the_old_key_at_once_on_this_api()
    {
        var account = await fixture.RegisterUserAsync();
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        // The old key is now in the API's key cache.
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "before rotation"), account.ApiKey))).StatusCode);

        var rotated = await admin.PostAsync($"/api/admin/clients/{account.ClientId}/rotate-key");
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;

        var withOld = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "after rotation, old key"), account.ApiKey));
        var withNew = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "after rotation, new key"), newKey));
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withNew.StatusCode);
    }

    [Fact]
    public async Task Admin_acts_on_any_client_with_clientId()
    {
        var account = await fixture.RegisterUserAsync();
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var list = await admin.GetJsonAsync($"/api/dashboard/leads?clientId={account.ClientId}");
        var tagged = await admin.PostAsync($"/api/dashboard/leads/{leadId}/tag?clientId={account.ClientId}", new { tag = "Hot Lead" });

        Assert.Equal(leadId, list.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = 'tagged' AND performed_by = $2", leadId, admin.Account.Email));
    }
}

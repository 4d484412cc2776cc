using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;

namespace Avenir.Api.Tests.Security;

/// <summary>
/// A NUL character or a lone surrogate — text PostgreSQL cannot store — in any field answers 400, never 500, and stores
/// nothing: in a lead's fields whatever the encoding, in a dashboard or admin JSON body, in a sign-in, in a query string.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnstorableTextTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("""{"email":"julie@example.ca","message":"Bonjour\u0000"}""")]
    [InlineData("""{"email":"julie@example.ca","message":"Bonjour","company":"Roy\u0000 inc."}""")]
    [InlineData("""{"email":"julie@example.ca","message":"Bonjour","utm\u0000source":"google"}""")]
    public async Task A_NUL_in_a_json_lead_field_or_name_is_400_and_nothing_is_stored(string json)
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_lead");
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task A_NUL_in_a_multipart_or_url_encoded_lead_field_is_400_and_nothing_is_stored()
    {
        var (clientId, _, profile) = await fixture.RegisterClientAsync();
        var origin = profile.AllowedOrigins[0];
        var fields = IntakeRequests.FormFields(profile.FormKey, "Hello\0, is the NUL stored?");

        var multipart = await fixture.Http.SendOnceAsync(IntakeRequests.Multipart(fields, origin));
        var encoded = await fixture.Http.SendOnceAsync(IntakeRequests.Form(fields, origin));

        await Problems.AssertAsync(multipart, HttpStatusCode.BadRequest, "invalid_lead");
        await Problems.AssertAsync(encoded, HttpStatusCode.BadRequest, "malformed_body"); // ASP.NET's form reader refuses it itself
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Theory]
    [InlineData("""{"email":"julie@example.ca","message":"Bonjour \ud800"}""")]
    [InlineData("""{"email":"julie@example.ca","message":"Bonjour \udc00\ud800"}""")]
    [InlineData("""{"email":"julie@example.ca","message":"Bonjour","\ud800":"x"}""")]
    public async Task A_lone_surrogate_in_a_json_lead_is_400_and_nothing_is_stored(string json)
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_body");
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task A_json_lead_whose_bytes_are_not_utf8_is_400()
    {
        var (_, key, _) = await fixture.RegisterClientAsync();
        byte[] body = [.. "{\"email\":\"julie@example.ca\",\"message\":\"Bonjour "u8, 0xFF, 0xFE, .. "\"}"u8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_body");
    }

    [Fact]
    public async Task A_form_key_field_holding_a_NUL_is_an_unknown_key()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync();
        var lead = new { key = profile.FormKey + "\0", email = "julie@example.ca", message = "Bonjour" };

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(lead, apiKey: null, origin: profile.AllowedOrigins[0]));

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "unknown_key");
    }

    [Theory]
    [InlineData("""{"text":"a note\u0000"}""")]
    [InlineData("""{"text":"a note \ud800"}""")]
    public async Task A_note_holding_a_NUL_or_a_lone_surrogate_is_400_and_not_added(string json)
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        var leadId = await DashboardSession.CreateLeadAsync(fixture, session.Account.ClientId);

        var response = await SendJsonAsync(session, HttpMethod.Post, $"/api/dashboard/leads/{leadId}/notes", json);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_text");
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM lead_notes WHERE lead_id = $1", leadId));
    }

    [Fact]
    public async Task A_tag_holding_a_NUL_is_400()
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        var leadId = await DashboardSession.CreateLeadAsync(fixture, session.Account.ClientId);

        var response = await SendJsonAsync(session, HttpMethod.Post, $"/api/dashboard/leads/{leadId}/tag", """{"tag":"vip\u0000"}""");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_text");
        Assert.Contains("$.tag", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_with_a_NUL_in_the_email_is_400()
    {
        using var browser = fixture.NewBrowser();

        var response = await browser.PostAsync(
            "/api/auth/login", new StringContent("""{"email":"someone@example.com\u0000","password":"whatever it is"}""", Encoding.UTF8, "application/json"));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_text");
    }

    [Fact]
    public async Task An_email_event_with_a_NUL_in_its_message_id_is_400()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var response = await SendJsonAsync(admin, HttpMethod.Post, "/api/admin/email-events", """{"messageId":"abc\u0000@avenir.test","event":"replied"}""");

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_text");
    }

    [Theory]
    [InlineData("/api/dashboard/leads?q=plomb%00")]
    [InlineData("/api/dashboard/leads?tag=%00")]
    [InlineData("/api/dashboard/leads/export.csv?q=%00")]
    public async Task A_NUL_in_a_query_parameter_is_400_naming_it(string path)
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());

        var response = await session.GetAsync(path);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_text");
        Assert.Contains("Query parameter", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_with_a_NUL_in_its_key_is_400()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/lead?key=%00");
        preflight.Headers.Add("Origin", "https://clinic.example.com");
        preflight.Headers.Add("X-Forwarded-For", ApiFixture.NewVisitorAddress());

        var response = await fixture.Http.SendAsync(preflight);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_text");
    }

    private static async Task<HttpResponseMessage> SendJsonAsync(DashboardSession session, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-Token", session.CsrfToken);
        return await session.Browser.SendAsync(request);
    }
}

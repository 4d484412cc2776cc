using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;

namespace Avenir.Api.Tests.Security;

/// <summary>
/// Requests the API cannot read, as the fuzz suite found them answered 500 or as bare text: each is a 4xx RFC 9457
/// problem with a <c>code</c> (the fixture runs in Development, where minimal APIs throw on a binding failure).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnreadableRequestTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_dashboard_body_with_a_field_of_the_wrong_json_type_is_a_400_problem_naming_the_field()
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        var leadId = await DashboardSession.CreateLeadAsync(fixture, session.Account.ClientId);

        var response = await SendAsync(session, HttpMethod.Post, $"/api/dashboard/leads/{leadId}/tag", """{"tag":5}""", "application/json");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_body");
        Assert.Contains("$.tag", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json, text/plain")]
    public async Task A_dashboard_body_that_is_not_declared_json_is_415(string contentType)
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());

        var response = await SendAsync(session, HttpMethod.Put, "/api/dashboard/settings", """{"language":"fr"}""", contentType);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("application/json; charset=nope")]
    [InlineData("application/json; charset=")]
    public async Task A_json_body_in_a_charset_no_one_can_decode_is_415(string contentType)
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());

        var response = await SendAsync(session, HttpMethod.Put, "/api/dashboard/settings", """{"language":"fr"}""", contentType);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_multipart_lead_cut_before_its_closing_boundary_is_400()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        const string body = "--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nmark@example.com\r\n--b\r\n"
            + "Content-Disposition: form-data; name=\"message\"\r\n\r\nHello, is this cut";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_body");
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task An_unknown_route_asked_for_by_a_browser_that_accepts_only_html_is_still_a_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await fixture.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_openapi_document_that_does_not_exist_is_a_404_problem_and_the_one_that_does_is_served()
    {
        var missing = await fixture.Http.GetAsync("/openapi/v2.json");
        var served = await fixture.Http.GetAsync("/openapi/v1.json");

        await Problems.AssertAsync(missing, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(DashboardSession session, HttpMethod method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-CSRF-Token", session.CsrfToken);
        return await session.Browser.SendAsync(request);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Contracts.Leads;

namespace Avenir.Api.Tests.Dashboard;

/// <summary>One signed-in browser: its own cookie jar, and the CSRF token login returned.</summary>
public sealed class DashboardSession(HttpClient browser, DashboardUserAccount account, string csrfToken) : IDisposable
{
    public HttpClient Browser => browser;

    public DashboardUserAccount Account => account;

    public string CsrfToken => csrfToken;

    public static async Task<DashboardSession> SignInAsync(ApiFixture fixture, DashboardUserAccount account)
    {
        var browser = fixture.NewBrowser();
        var response = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = ApiFixture.UserPassword });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new DashboardSession(browser, account, body.GetProperty("csrfToken").GetString()!);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => browser.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (withCsrf)
        {
            request.Headers.Add("X-CSRF-Token", csrfToken);
        }

        return browser.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await browser.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Stores a lead for this session's client straight through its grain (no jobs), optionally with an enrichment.</summary>
    public static async Task<Guid> CreateLeadAsync(
        ApiFixture fixture, Guid clientId, string name = "Julie Roy", string email = "julie@example.ca",
        string message = "Bonjour, je voudrais un rendez-vous.", string? company = null, string? intent = null, string? urgency = null,
        string? language = null, double? confidence = null, DateTimeOffset? receivedAt = null)
    {
        var leadId = await TestLeads.SubmitAsync(
            fixture.Grains, clientId, new LeadSubmission { Name = name, Email = email, Message = message, Company = company });
        if (intent is not null || urgency is not null || language is not null || confidence is not null || receivedAt is not null)
        {
            await Rows.ExecuteAsync(fixture.Database.OwnerConnectionString,
                """
                UPDATE lead_memory SET intent = COALESCE(NULLIF($2, ''), intent), urgency = COALESCE(NULLIF($3, ''), urgency),
                       language = COALESCE(NULLIF($4, ''), language), confidence_score = CASE WHEN $5 < 0 THEN confidence_score ELSE $5::numeric END,
                       created_at = CASE WHEN $6 THEN $7 ELSE created_at END
                 WHERE id = $1
                """,
                leadId, intent ?? "", urgency ?? "", language ?? "", confidence ?? -1d, receivedAt is not null, receivedAt ?? DateTimeOffset.UnixEpoch);
        }

        return leadId;
    }

    public void Dispose() => browser.Dispose();
}

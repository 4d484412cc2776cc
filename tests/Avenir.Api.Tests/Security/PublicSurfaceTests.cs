using System.Net;
using System.Net.Http.Json;
using System.Text;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;
using Avenir.Contracts.Clients;

namespace Avenir.Api.Tests.Security;

/// <summary>The anonymous surfaces as an attacker meets them: sign-in, the intake's keys, and the key look-ups.</summary>
[Collection(ApiCollection.Name)]
public sealed class PublicSurfaceTests(ApiFixture fixture)
{
    [Fact]
    public async Task Two_hundred_concurrent_wrong_sign_ins_from_as_many_addresses_get_exactly_five_401s_and_then_429s()
    {
        var account = await fixture.RegisterUserAsync();
        var browsers = Enumerable.Range(0, 200).Select(_ => fixture.NewBrowser()).ToList();
        using var start = new SemaphoreSlim(0);

        var attempts = browsers.Select(async (browser, i) =>
        {
            await start.WaitAsync();
            return (await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = $"wrong guess {i}" })).StatusCode;
        }).ToList();
        start.Release(attempts.Count);
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(195, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        // The right password is locked out too: the fifth failure set the lock (and restarted the count).
        using var owner = fixture.NewBrowser();
        await Problems.AssertAsync(
            await owner.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = ApiFixture.UserPassword }),
            HttpStatusCode.TooManyRequests, "account_locked");
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM clients WHERE client_id = $1 AND locked_until > $2", account.ClientId, fixture.Clock.GetUtcNow().AddMinutes(14)));
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_per_minute_whatever_the_email()
    {
        using var browser = fixture.NewBrowser();
        for (var i = 0; i < 10; i++)
        {
            await Problems.AssertAsync(
                await browser.PostAsJsonAsync("/api/auth/login", new { email = $"spray-{i}-{Guid.NewGuid():N}@example.com", password = "Summer2026!" }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var eleventh = await browser.PostAsJsonAsync("/api/auth/login", new { email = $"spray-{Guid.NewGuid():N}@example.com", password = "x" });

        await Problems.AssertAsync(eleventh, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 carries Retry-After");
    }

    [Fact]
    public async Task A_sign_in_body_over_4_KB_is_413_before_any_password_is_hashed()
    {
        using var browser = fixture.NewBrowser();
        var json = $$"""{"email":"someone@example.com","password":"{{new string('p', 8 * 1024)}}"}""";

        var response = await browser.PostAsync("/api/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "too_large");
    }

    [Fact]
    public async Task A_form_key_sent_in_the_body_counts_toward_the_per_key_limit()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= fixture.PermitsPerKeyPerMinute; i++)
        {
            // Each post from its own address: only the key's own limit can stop them.
            using var request = IntakeRequests.Form(IntakeRequests.FormFields(profile.FormKey, $"Body key message {i}"), "https://roofers.example.com");
            request.Headers.Add("X-Forwarded-For", ApiFixture.NewVisitorAddress());
            statuses.Add((await fixture.Http.SendOnceAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(fixture.PermitsPerKeyPerMinute), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Anonymous_key_look_ups_by_preflight_are_limited_per_address()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);
        var address = ApiFixture.NewVisitorAddress();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= 60; i++)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/lead?key={profile.FormKey}");
            preflight.Headers.Add("Origin", "https://roofers.example.com");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("X-Forwarded-For", address);
            last = await fixture.Http.SendAsync(preflight);
            if (i < 60)
            {
                Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
            }
        }

        await Problems.AssertAsync(last!, HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task A_revoked_key_stops_at_once_even_on_an_instance_that_had_it_cached()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "before"), key))).StatusCode);

        // Revoked through the grain, as another API instance would: this instance's cache is not told.
        await fixture.Grains.GetGrain<IClientGrain>(clientId).RotateApiKeyAsync(TestClients.Digest("avk_" + Guid.NewGuid().ToString("N")), TimeSpan.Zero);

        var after = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "after"), key));
        await Problems.AssertAsync(after, HttpStatusCode.Unauthorized, "unknown_key");
    }

    [Fact]
    public async Task Revoking_from_the_dashboard_gives_a_new_key_and_ends_the_old_one_with_no_grace()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);

        var response = await session.PostAsync("/api/dashboard/settings/revoke-key");
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("previousKeyValidUntil").ValueKind);
        await Problems.AssertAsync(await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: "old"), account.ApiKey)),
            HttpStatusCode.Unauthorized, "unknown_key");
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.SendOnceAsync(
            IntakeRequests.Json(IntakeRequests.Lead(message: "new"), body.GetProperty("apiKey").GetString()))).StatusCode);
    }

    [Fact]
    public async Task Rotating_the_form_key_ends_the_old_one_and_the_snippet_carries_the_new_one()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);

        var response = await session.PostAsync("/api/dashboard/settings/rotate-form-key");
        var snippet = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var newKey = snippet.GetProperty("formKey").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(account.FormKey, newKey);
        Assert.Contains(newKey, snippet.GetProperty("html").GetString(), StringComparison.Ordinal);
        const string origin = "https://plomberie.example.com";
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(account.FormKey, "old form key"), origin))).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(newKey, "new form key"), origin))).StatusCode);
    }

    [Fact]
    public async Task Every_answer_forbids_framing_and_sniffing()
    {
        var page = await fixture.Http.GetAsync("/");
        var api = await fixture.Http.GetAsync("/api/auth/me");

        foreach (var response in new[] { page, api })
        {
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Dashboard;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Sign_in_returns_the_session_and_an_HttpOnly_SameSite_strict_cookie()
    {
        var account = await fixture.RegisterUserAsync();
        using var browser = fixture.NewBrowser();

        var response = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email.ToUpperInvariant(), password = ApiFixture.UserPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.ClientId, body.GetProperty("clientId").GetGuid());
        Assert.Equal(account.Email, body.GetProperty("email").GetString());
        Assert.Equal("Plomberie Test", body.GetProperty("businessName").GetString());
        Assert.False(body.GetProperty("isAdmin").GetBoolean());
        Assert.Equal("fr", body.GetProperty("language").GetString());
        Assert.True(body.GetProperty("csrfToken").GetString()!.Length >= 32);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here: Secure only over HTTPS.
        Assert.DoesNotContain(cookie.Split(';'), part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal(account.ClientId, me.GetProperty("clientId").GetGuid());
        Assert.Equal(body.GetProperty("csrfToken").GetString(), me.GetProperty("csrfToken").GetString());
        Assert.NotNull(await Rows.ScalarAsync(
            fixture.Database.OwnerConnectionString, "SELECT last_login_at FROM clients WHERE client_id = $1", account.ClientId));
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_401_problem()
    {
        var account = await fixture.RegisterUserAsync();
        using var browser = fixture.NewBrowser();

        var wrongPassword = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "not the password at all" });
        var unknownEmail = await browser.PostAsJsonAsync(
            "/api/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "not the password at all" });

        var first = await Problems.AssertAsync(wrongPassword, HttpStatusCode.Unauthorized, "invalid_credentials");
        var second = await Problems.AssertAsync(unknownEmail, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
        Assert.Equal("1", await Rows.ScalarAsync(
            fixture.Database.OwnerConnectionString, "SELECT failed_login_count FROM clients WHERE client_id = $1", account.ClientId));
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_for_15_minutes_even_for_the_right_password()
    {
        var account = await fixture.RegisterUserAsync();
        using var browser = fixture.NewBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = $"wrong password {attempt}" });
            await Problems.AssertAsync(failed, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var locked = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = ApiFixture.UserPassword });

        await Problems.AssertAsync(locked, HttpStatusCode.TooManyRequests, "account_locked");
        var retryAfter = int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 15 * 60);
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM clients WHERE client_id = $1 AND locked_until > $2", account.ClientId, fixture.Clock.GetUtcNow().AddMinutes(14)));
    }

    [Fact]
    public async Task Unknown_email_is_locked_after_five_failures_too_so_lockout_reveals_no_account()
    {
        using var browser = fixture.NewBrowser();
        var email = $"ghost-{Guid.NewGuid():N}@example.com";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Problems.AssertAsync(
                await browser.PostAsJsonAsync("/api/auth/login", new { email, password = "guess guess guess" }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var sixth = await browser.PostAsJsonAsync("/api/auth/login", new { email, password = "guess guess guess" });

        await Problems.AssertAsync(sixth, HttpStatusCode.TooManyRequests, "account_locked");
        Assert.True(sixth.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Admin_password_reset_lifts_a_lockout()
    {
        var account = await fixture.RegisterUserAsync();
        var admin = await fixture.RegisterUserAsync(isInternal: true);
        using var attacker = fixture.NewBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await attacker.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "wrong wrong wrong" });
        }

        using var adminSession = await DashboardSession.SignInAsync(fixture, admin);
        var reset = await adminSession.PostAsync($"/api/admin/clients/{account.ClientId}/password", new { newPassword = "a brand new long password" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        using var browser = fixture.NewBrowser();
        var response = await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "a brand new long password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_session_me_and_dashboard_endpoints_answer_401_problems()
    {
        using var browser = fixture.NewBrowser();

        await Problems.AssertAsync(await browser.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await browser.GetAsync("/api/dashboard/leads"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await browser.GetAsync("/api/admin/clients"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());

        var logout = await session.Browser.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await Problems.AssertAsync(await session.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await session.GetAsync("/api/dashboard/leads"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Password_change_needs_the_current_password_and_at_least_12_characters()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);

        var wrongCurrent = await session.PostAsync(
            "/api/auth/password", new { currentPassword = "not my password", newPassword = "a long enough new password" });
        var tooShort = await session.PostAsync("/api/auth/password", new { currentPassword = ApiFixture.UserPassword, newPassword = "short" });
        var noCsrf = await session.SendAsync(
            HttpMethod.Post,
            "/api/auth/password",
            new { currentPassword = ApiFixture.UserPassword, newPassword = "a long enough new password" },
            withCsrf: false);
        var changed = await session.PostAsync(
            "/api/auth/password", new { currentPassword = ApiFixture.UserPassword, newPassword = "a long enough new password" });

        await Problems.AssertAsync(wrongCurrent, HttpStatusCode.BadRequest, "current_password_incorrect");
        await Problems.AssertAsync(tooShort, HttpStatusCode.BadRequest, "weak_password");
        await Problems.AssertAsync(noCsrf, HttpStatusCode.Forbidden, "csrf_token_invalid");
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var browser = fixture.NewBrowser();
        await Problems.AssertAsync(
            await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = ApiFixture.UserPassword }),
            HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK,
            (await browser.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "a long enough new password" })).StatusCode);
    }

    [Fact]
    public async Task Mutating_dashboard_request_without_the_right_csrf_token_is_refused_and_changes_nothing()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);

        var missing = await session.SendAsync(HttpMethod.Post, $"/api/dashboard/leads/{leadId}/archive", new { }, withCsrf: false);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, $"/api/dashboard/leads/{leadId}/archive") { Content = JsonContent.Create(new { }) };
        wrong.Headers.Add("X-CSRF-Token", "forged-token");
        var forged = await session.Browser.SendAsync(wrong);

        await Problems.AssertAsync(missing, HttpStatusCode.Forbidden, "csrf_token_invalid");
        await Problems.AssertAsync(forged, HttpStatusCode.Forbidden, "csrf_token_invalid");
        Assert.Equal(0, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory WHERE id = $1 AND archived", leadId));
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync($"/api/dashboard/leads/{leadId}/archive")).StatusCode);
    }

    [Fact]
    public async Task Another_sessions_csrf_token_does_not_work()
    {
        var account = await fixture.RegisterUserAsync();
        using var first = await DashboardSession.SignInAsync(fixture, account);
        using var second = await DashboardSession.SignInAsync(fixture, account);
        var leadId = await DashboardSession.CreateLeadAsync(fixture, account.ClientId);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dashboard/leads/{leadId}/archive") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-CSRF-Token", second.CsrfToken);

        var response = await first.Browser.SendAsync(request);

        Assert.NotEqual(first.CsrfToken, second.CsrfToken);
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "csrf_token_invalid");
    }
}

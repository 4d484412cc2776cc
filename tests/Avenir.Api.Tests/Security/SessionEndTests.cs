using System.Net;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Security;

/// <summary>A changed password or a changed role ends the account's other sessions at once.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionEndTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_password_change_ends_the_accounts_other_sessions_and_keeps_the_one_that_changed_it()
    {
        var account = await fixture.RegisterUserAsync();
        using var laptop = await DashboardSession.SignInAsync(fixture, account);
        using var phone = await DashboardSession.SignInAsync(fixture, account);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/dashboard/leads")).StatusCode);

        var changed = await laptop.PostAsync(
            "/api/auth/password", new { currentPassword = ApiFixture.UserPassword, newPassword = "a long enough new password" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await Problems.AssertAsync(await phone.GetAsync("/api/dashboard/leads"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/dashboard/leads")).StatusCode);
    }

    [Fact]
    public async Task An_admin_reset_of_a_password_ends_that_accounts_sessions()
    {
        var account = await fixture.RegisterUserAsync();
        using var session = await DashboardSession.SignInAsync(fixture, account);
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var reset = await admin.PostAsync($"/api/admin/clients/{account.ClientId}/password", new { newPassword = "a brand new long password" });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await Problems.AssertAsync(await session.GetAsync("/api/dashboard/leads"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_demoted_admin_loses_the_admin_session_at_once()
    {
        var demoted = await fixture.RegisterUserAsync(isInternal: true);
        using var session = await DashboardSession.SignInAsync(fixture, demoted);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/admin/clients")).StatusCode);
        using var other = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var demotion = await other.PostAsync($"/api/admin/clients/{demoted.ClientId}/internal", new { isInternal = false });

        Assert.Equal(HttpStatusCode.NoContent, demotion.StatusCode);
        await Problems.AssertAsync(await session.GetAsync("/api/admin/clients"), HttpStatusCode.Unauthorized, "unauthenticated");
    }
}

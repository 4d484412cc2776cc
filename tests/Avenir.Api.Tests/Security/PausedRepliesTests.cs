using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Contracts.Clients;
using Avenir.Contracts.Leads;

namespace Avenir.Api.Tests.Security;

/// <summary>A client whose replies were paused by its hourly limit is told so, and resumes them from the dashboard.</summary>
[Collection(ApiCollection.Name)]
public sealed class PausedRepliesTests(ApiFixture fixture)
{
    [Fact]
    public async Task Paused_replies_show_in_the_session_and_the_settings_until_the_client_resumes_them()
    {
        var account = await fixture.RegisterUserAsync();
        await fixture.Grains.GetGrain<IClientGrain>(account.ClientId).PauseAutoRepliesAsync(AutoReplyReasons.ClientLimit);
        using var session = await DashboardSession.SignInAsync(fixture, account);

        Assert.Equal(JsonValueKind.String, (await session.GetJsonAsync("/api/auth/me")).GetProperty("autoRepliesPausedAt").ValueKind);
        var paused = await session.GetJsonAsync("/api/dashboard/settings");
        Assert.Equal(AutoReplyReasons.ClientLimit, paused.GetProperty("autoReplyPauseReason").GetString());

        var resumed = await session.PostAsync("/api/dashboard/settings/auto-replies/resume");

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("autoReplyPausedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await session.GetJsonAsync("/api/auth/me")).GetProperty("autoRepliesPausedAt").ValueKind);
        Assert.Null((await fixture.Grains.GetGrain<IClientGrain>(account.ClientId).GetProfileAsync())!.AutoReplyPausedAt);
    }
}

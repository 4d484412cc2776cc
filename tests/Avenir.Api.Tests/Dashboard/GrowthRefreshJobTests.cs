using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Dashboard;

/// <summary>"Refresh now" on a silo without <c>Ai:Provider</c>: the recompute and its answer, no LLM analysis job.</summary>
[Collection(ApiCollection.Name)]
public sealed class GrowthRefreshJobTests(ApiFixture fixture)
{
    [Fact]
    public async Task Refresh_without_an_llm_answers_the_rules_insights_and_enqueues_nothing_extra()
    {
        using var session = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: false));
        var clientId = session.Account.ClientId;
        await DashboardSession.CreateLeadAsync(fixture, clientId, intent: "pricing_quote", urgency: "High", language: "fr", confidence: 0.8);
        const string Jobs = "SELECT count(*) FROM queue_jobs WHERE payload->>'clientId' = $1";
        var before = await Rows.CountAsync(fixture.Database.OwnerConnectionString, Jobs, clientId.ToString());

        var refreshed = await session.PostAsync("/api/dashboard/growth/refresh");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var growth = JsonSerializer.Deserialize<JsonElement>(await refreshed.Content.ReadAsStringAsync());
        Assert.Equal(("recompute", "rules"), (growth.GetProperty("source").GetString(), growth.GetProperty("insightsSource").GetString()));
        Assert.False(growth.TryGetProperty("insightsModel", out _));
        Assert.Equal(before, await Rows.CountAsync(fixture.Database.OwnerConnectionString, Jobs, clientId.ToString()));
        Assert.Equal(0, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM queue_jobs WHERE job_type = 'intelligence_analysis' AND payload->>'clientId' = $1", clientId.ToString()));
    }
}

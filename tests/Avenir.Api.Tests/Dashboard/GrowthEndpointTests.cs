using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Dashboard;

/// <summary>The growth brain's HTTP contract: live figures, refresh, the correction endpoint and who may read what.</summary>
[Collection(ApiCollection.Name)]
public sealed class GrowthEndpointTests(ApiFixture fixture)
{
    private async Task<DashboardSession> SignedInAsync(bool admin = false) =>
        await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: admin));

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];

    [Fact]
    public async Task Growth_answers_the_documented_json_shape()
    {
        using var session = await SignedInAsync();

        var growth = await session.GetJsonAsync("/api/dashboard/growth");

        Assert.Equal(
            ["analyzedAt", "periodStart", "periodEnd", "source", "totalLeads", "enrichedLeads", "topIntents", "urgency", "urgencyTrendPercentage",
             "openHighUrgency", "tones", "sentimentScore", "averageConfidence", "weeks", "languageRatio", "engagementScore", "insights", "insightsSource"],
            Names(growth));
        Assert.Equal(["high", "medium", "low"], Names(growth.GetProperty("urgency")));
        Assert.Equal(["en", "fr"], Names(growth.GetProperty("languageRatio")));
        Assert.Equal(["en", "fr"], Names(growth.GetProperty("insights")));
        Assert.Equal(8, growth.GetProperty("weeks").GetArrayLength());
        var week = growth.GetProperty("weeks")[7];
        Assert.Equal(["weekStart", "leads", "highUrgency", "averageConfidence"], Names(week));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", week.GetProperty("weekStart").GetString());
        Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(week.GetProperty("weekStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.Equal(0, growth.GetProperty("totalLeads").GetInt64());
        Assert.Equal(JsonValueKind.Null, growth.GetProperty("urgencyTrendPercentage").ValueKind);
        Assert.Equal("rules", growth.GetProperty("insightsSource").GetString());
        Assert.Contains(growth.GetProperty("source").GetString(), new[] { "incremental", "recompute" });
    }

    [Fact]
    public async Task Refresh_recomputes_from_the_tables_and_needs_the_csrf_token()
    {
        using var session = await SignedInAsync();
        var clientId = session.Account.ClientId;
        // Written behind the grain's back (straight SQL): only a recompute can know them.
        await DashboardSession.CreateLeadAsync(fixture, clientId, intent: "pricing_quote", urgency: "High", language: "fr", confidence: 0.8);
        await DashboardSession.CreateLeadAsync(fixture, clientId, intent: "pricing_quote", urgency: "Low", language: "en", confidence: 0.6);
        await DashboardSession.CreateLeadAsync(fixture, clientId, intent: "complaint", urgency: "High", language: "fr", confidence: 0.4);

        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Post, "/api/dashboard/growth/refresh", new { }, withCsrf: false),
            HttpStatusCode.Forbidden, "csrf_token_invalid");
        var refreshed = await session.PostAsync("/api/dashboard/growth/refresh");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var growth = JsonSerializer.Deserialize<JsonElement>(await refreshed.Content.ReadAsStringAsync());

        Assert.Equal("recompute", growth.GetProperty("source").GetString());
        Assert.Equal(3, growth.GetProperty("totalLeads").GetInt64());
        Assert.Equal("pricing_quote", growth.GetProperty("topIntents")[0].GetProperty("intent").GetString());
        Assert.Equal(2, growth.GetProperty("topIntents")[0].GetProperty("count").GetInt64());
        Assert.Equal(0.667m, growth.GetProperty("topIntents")[0].GetProperty("share").GetDecimal());
        Assert.Equal((2, 0, 1), (growth.GetProperty("urgency").GetProperty("high").GetInt64(), growth.GetProperty("urgency").GetProperty("medium").GetInt64(),
            growth.GetProperty("urgency").GetProperty("low").GetInt64()));
        Assert.Equal(2, growth.GetProperty("openHighUrgency").GetInt64());
        Assert.Equal(0.6m, growth.GetProperty("averageConfidence").GetDecimal());
        Assert.Equal((33.3m, 66.7m),
            (growth.GetProperty("languageRatio").GetProperty("en").GetDecimal(), growth.GetProperty("languageRatio").GetProperty("fr").GetDecimal()));
        Assert.Equal(3, growth.GetProperty("weeks")[7].GetProperty("leads").GetInt64());
        Assert.Equal(1, await Rows.CountAsync(
            fixture.Database.OwnerConnectionString, "SELECT count(*) FROM growth_brain WHERE client_id = $1 AND total_leads = 3", clientId));

        // The live figures are the recompute's now.
        var live = await session.GetJsonAsync("/api/dashboard/growth");
        Assert.Equal(3, live.GetProperty("totalLeads").GetInt64());
    }

    [Fact]
    public async Task Correcting_a_leads_labels_answers_the_lead_and_moves_the_live_figures()
    {
        using var session = await SignedInAsync();
        var clientId = session.Account.ClientId;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, clientId, intent: "general_inquiry", urgency: "Low", language: "fr", confidence: 0.5);
        await session.PostAsync("/api/dashboard/growth/refresh");

        var response = await session.SendAsync(
            HttpMethod.Patch, $"/api/dashboard/leads/{leadId}/enrichment", new { intent = "pricing_quote", urgency = "high" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(["id", "tag", "archived", "deleted", "converted", "convertedAt", "changed"], Names(lead));
        Assert.Equal(leadId, lead.GetProperty("id").GetGuid());
        Assert.True(lead.GetProperty("changed").GetBoolean());
        var growth = await session.GetJsonAsync("/api/dashboard/growth");
        Assert.Equal("incremental", growth.GetProperty("source").GetString());
        Assert.Equal("pricing_quote", growth.GetProperty("topIntents")[0].GetProperty("intent").GetString());
        Assert.Equal(1, growth.GetProperty("urgency").GetProperty("high").GetInt64());
        Assert.Equal(1, growth.GetProperty("openHighUrgency").GetInt64());
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'user_action' AND outcome = 'negative' "
            + "AND context_data->>'kind' = 'enrichment_correction'",
            leadId));

        var again = await session.SendAsync(HttpMethod.Patch, $"/api/dashboard/leads/{leadId}/enrichment", new { intent = "pricing_quote" });
        Assert.False(JsonSerializer.Deserialize<JsonElement>(await again.Content.ReadAsStringAsync()).GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task A_correction_answers_400_for_unknown_labels_404_for_unknown_leads_and_409_for_deleted_or_unenriched_ones()
    {
        using var session = await SignedInAsync();
        var clientId = session.Account.ClientId;
        var leadId = await DashboardSession.CreateLeadAsync(fixture, clientId, intent: "general_inquiry", urgency: "Low");
        var unenriched = await DashboardSession.CreateLeadAsync(fixture, clientId);
        using var other = await SignedInAsync();
        var othersLead = await DashboardSession.CreateLeadAsync(fixture, other.Account.ClientId, intent: "spam", urgency: "Low");
        string Path(Guid id) => $"/api/dashboard/leads/{id}/enrichment";

        var invalid = await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Patch, Path(leadId), new { intent = "cheap", urgency = "Urgent", tone = "Friendly" }),
            HttpStatusCode.BadRequest, "invalid_label");
        Assert.Equal(["intent", "urgency"], invalid.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order());
        await Problems.AssertAsync(await session.SendAsync(HttpMethod.Patch, Path(leadId), new { }), HttpStatusCode.BadRequest, "empty_correction");
        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Patch, Path(Guid.NewGuid()), new { intent = "spam" }), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Patch, Path(othersLead), new { intent = "demo_request" }), HttpStatusCode.NotFound, "not_found");
        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Patch, Path(unenriched), new { intent = "spam" }), HttpStatusCode.Conflict, "not_enriched");
        await Problems.AssertAsync(
            await session.SendAsync(HttpMethod.Patch, Path(leadId), new { intent = "spam" }, withCsrf: false), HttpStatusCode.Forbidden, "csrf_token_invalid");
        await session.PostAsync($"/api/dashboard/leads/{leadId}/delete");
        await Problems.AssertAsync(await session.SendAsync(HttpMethod.Patch, Path(leadId), new { intent = "spam" }), HttpStatusCode.Conflict, "lead_deleted");

        Assert.Equal("spam", await Rows.ScalarAsync(fixture.Database.OwnerConnectionString, "SELECT intent FROM lead_memory WHERE id = $1", othersLead));
    }

    [Fact]
    public async Task A_client_reads_only_its_own_growth_and_only_an_admin_reads_another_clients()
    {
        using var clientA = await SignedInAsync();
        using var clientB = await SignedInAsync();
        await DashboardSession.CreateLeadAsync(fixture, clientB.Account.ClientId, intent: "pricing_quote", urgency: "High");
        await DashboardSession.CreateLeadAsync(fixture, clientB.Account.ClientId, intent: "pricing_quote", urgency: "High");
        await clientB.PostAsync("/api/dashboard/growth/refresh");
        await clientA.PostAsync("/api/dashboard/growth/refresh");
        using var admin = await SignedInAsync(admin: true);
        var pathB = $"/api/admin/clients/{clientB.Account.ClientId}/growth";

        Assert.Equal(0, (await clientA.GetJsonAsync("/api/dashboard/growth")).GetProperty("totalLeads").GetInt64());
        await Problems.AssertAsync(await clientA.GetAsync(pathB), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await clientA.GetAsync($"/api/dashboard/growth?clientId={clientB.Account.ClientId}"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await fixture.NewBrowser().GetAsync("/api/dashboard/growth"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(2, (await admin.GetJsonAsync(pathB)).GetProperty("totalLeads").GetInt64());
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/dashboard/growth?clientId={clientB.Account.ClientId}")).GetProperty("totalLeads").GetInt64());
        await Problems.AssertAsync(await admin.GetAsync($"/api/admin/clients/{Guid.NewGuid()}/growth"), HttpStatusCode.NotFound, "not_found");
    }
}

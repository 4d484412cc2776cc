using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;

namespace Avenir.Api.Tests.Prospects;

/// <summary><c>GET /api/admin/prospects/queue?date=</c>: a selected day in order, an unselected day 404, a bad date 400.</summary>
[Collection(ProspectApiCollection.Name)]
public sealed class ProspectQueueApiTests(ProspectApiFixture fixture)
{
    [Fact]
    public async Task A_selected_day_reads_in_queue_order_and_other_days_are_precise_problems()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var domain = $"queued-{Guid.NewGuid().ToString("N")[..10]}.ca";
        var prospect = (Guid)(await OwnerSql.ScalarAsync(fixture.Database,
            """
            INSERT INTO prospect_candidates (business_name, website, industry, automation_need_score)
            VALUES ('Queued', 'https://' || $1, 'dental', 80) RETURNING id
            """,
            domain))!;
        await OwnerSql.ScalarAsync(fixture.Database,
            "INSERT INTO prospect_daily_queue_days (queue_date, selected, selected_at) VALUES (DATE '2031-03-04', 1, TIMESTAMPTZ '2031-03-04 05:00Z')");
        await OwnerSql.ScalarAsync(fixture.Database,
            "INSERT INTO prospect_daily_queue (queue_date, position, prospect_id, industry, score) VALUES (DATE '2031-03-04', 1, $1, 'dental', 80)", prospect);

        var day = await admin.GetJsonAsync("/api/admin/prospects/queue?date=2031-03-04");
        var missing = await admin.GetAsync("/api/admin/prospects/queue?date=2031-03-05");
        var invalid = await admin.GetAsync("/api/admin/prospects/queue?date=04/03/2031");

        var item = Assert.Single(day.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal((domain, 1, 80), (item.GetProperty("domain").GetString(), item.GetProperty("position").GetInt32(), item.GetProperty("score").GetInt32()));
        Assert.Equal("2031-03-04", day.GetProperty("date").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("queue_not_selected", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("date", JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }
}

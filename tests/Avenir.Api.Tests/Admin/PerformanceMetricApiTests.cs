using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Api.Tests.Leads;
using Avenir.Infrastructure.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Api.Tests.Admin;

/// <summary>API response times through the middleware, the recorder and its flusher, read back by <c>GET /api/admin/performance</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class PerformanceMetricApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Dashboard_and_intake_response_times_are_aggregated_per_client_not_written_per_request()
    {
        var account = await fixture.RegisterUserAsync();
        using var user = await DashboardSession.SignInAsync(fixture, account);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/dashboard/stats")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/dashboard/leads/{Guid.NewGuid()}")).StatusCode); // a 4xx is still a success
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: $"metrics {Guid.NewGuid()}"), account.ApiKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(message: $"metrics {Guid.NewGuid()}"), account.ApiKey))).StatusCode);
        await fixture.ApiServices.GetRequiredService<PerformanceMetricsFlusher>().FlushAsync();

        // The flusher's own timer may have split the requests over two intervals: the counts add up either way.
        Assert.Equal("dashboard_api:4:0;lead_api:2:0", await Rows.ScalarAsync(fixture.Database.OwnerConnectionString,
            """
            SELECT string_agg(source_component || ':' || n || ':' || e, ';' ORDER BY source_component)
              FROM (SELECT source_component, sum((metadata ->> 'count')::int) AS n, sum(error_count) AS e
                      FROM performance_metrics WHERE client_id = $1 AND event_type = 'api_response' AND metric_name = 'response_time'
                     GROUP BY source_component) AS t
            """, account.ClientId));
        Assert.True(await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM performance_metrics WHERE client_id = $1", account.ClientId) <= 4, "one row per key per interval, not one per request");

        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var report = await admin.GetJsonAsync($"/api/admin/performance?hours=1&clientId={account.ClientId}");

        Assert.Equal(account.ClientId, report.GetProperty("clientId").GetGuid());
        Assert.Equal(60, report.GetProperty("bucketSeconds").GetInt32());
        var series = report.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["api_response|response_time|dashboard_api|ms", "api_response|response_time|lead_api|ms"],
            series.Select(s => $"{s.GetProperty("eventType").GetString()}|{s.GetProperty("metricName").GetString()}|"
                + $"{s.GetProperty("sourceComponent").GetString()}|{s.GetProperty("unit").GetString()}"));
        var dashboard = series[0];
        Assert.Equal((4L, 1.0, 0L),
            (dashboard.GetProperty("count").GetInt64(), dashboard.GetProperty("successRate").GetDouble(), dashboard.GetProperty("errorCount").GetInt64()));
        Assert.True(dashboard.GetProperty("min").GetDouble() <= dashboard.GetProperty("mean").GetDouble()
            && dashboard.GetProperty("mean").GetDouble() <= dashboard.GetProperty("max").GetDouble(), dashboard.ToString());
        Assert.Equal(4L, dashboard.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task Performance_merges_interval_rows_into_series_with_points_and_exact_counts()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var (clientId, _, _) = await fixture.RegisterClientAsync();
        var now = fixture.Clock.GetUtcNow();
        // Two intervals of one key, as the flusher writes them: {count, sum, min, max, p50, p95}.
        await InsertIntervalAsync(clientId, now.AddMinutes(-30), count: 10, sum: 1000, min: 20, max: 300, p95: 250, errors: 1);
        await InsertIntervalAsync(clientId, now.AddMinutes(-5), count: 30, sum: 1500, min: 10, max: 90, p95: 80, errors: 0);
        await InsertIntervalAsync(clientId, now.AddHours(-30), count: 99, sum: 99, min: 1, max: 1, p95: 1, errors: 0); // outside 24 h

        var report = await admin.GetJsonAsync($"/api/admin/performance?hours=24&clientId={clientId}");

        var series = Assert.Single(report.GetProperty("series").EnumerateArray());
        Assert.Equal(("email_response", "smtp_send", "auto_reply", "ms"),
            (series.GetProperty("eventType").GetString(), series.GetProperty("metricName").GetString(),
                series.GetProperty("sourceComponent").GetString(), series.GetProperty("unit").GetString()));
        Assert.Equal((40L, 62.5, 10.0, 300.0, 1L, 0.975), (series.GetProperty("count").GetInt64(), series.GetProperty("mean").GetDouble(),
            series.GetProperty("min").GetDouble(), series.GetProperty("max").GetDouble(), series.GetProperty("errorCount").GetInt64(),
            series.GetProperty("successRate").GetDouble()));
        Assert.Equal((250 * 10 + 80 * 30) / 40.0, series.GetProperty("p95").GetDouble(), 9);
        Assert.Equal([(10L, 100.0), (30L, 50.0)],
            series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("count").GetInt64(), p.GetProperty("mean").GetDouble())));
        Assert.Equal(900, report.GetProperty("bucketSeconds").GetInt32());
    }

    [Theory]
    [InlineData("hours=0", "invalid_parameter", HttpStatusCode.BadRequest)]
    [InlineData("hours=721", "invalid_parameter", HttpStatusCode.BadRequest)]
    [InlineData("clientId=nope", "invalid_parameter", HttpStatusCode.BadRequest)]
    [InlineData("clientId=6f9619ff-8b86-d011-b42d-00cf4fc964ff", "not_found", HttpStatusCode.NotFound)]
    public async Task Bad_performance_parameters_get_a_precise_problem(string query, string code, HttpStatusCode status)
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        await Problems.AssertAsync(await admin.GetAsync($"/api/admin/performance?{query}"), status, code);
    }

    private Task InsertIntervalAsync(Guid clientId, DateTimeOffset at, long count, double sum, double min, double max, double p95, int errors) =>
        Rows.ExecuteAsync(fixture.Database.OwnerConnectionString,
            """
            INSERT INTO performance_metrics (event_type, metric_name, source_component, metric_unit, metric_value, response_time_ms, success_rate, error_count,
                                             client_id, recorded_at, metadata)
            VALUES ('email_response', 'smtp_send', 'auto_reply', 'ms', $2 / $3, round($2 / $3)::int, round((($3 - $8) / $3)::numeric, 3), $8, $1, $4,
                    jsonb_build_object('count', $3, 'sum', $2, 'min', $5, 'max', $6, 'p50', $5, 'p95', $7))
            """,
            clientId, sum, (double)count, at, min, max, p95, errors);
}

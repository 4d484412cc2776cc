using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Avenir.Contracts.Leads;

namespace Avenir.Api.Tests.Admin;

/// <summary><c>POST /api/admin/email-events</c> and <c>GET /api/admin/model-accuracy</c> over real HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class FeedbackAdminApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_reply_posted_twice_is_recorded_once_for_the_lead_its_message_id_belongs_to()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var (clientId, leadId, messageId) = await LeadWithAutoReplyAsync();

        var first = await admin.PostAsync(
            "/api/admin/email-events", new { messageId = $"<{messageId}>", @event = "replied", occurredAt = "2026-11-24T09:15:00Z" });
        var second = await admin.PostAsync("/api/admin/email-events", new { messageId, @event = "replied" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((clientId, leadId, "replied", "recorded"),
            (body.GetProperty("clientId").GetGuid(), body.GetProperty("leadId").GetGuid(), body.GetProperty("event").GetString(),
                body.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("already_recorded", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM feedback_tracking WHERE client_id = $1 AND lead_id = $2 AND action_type = 'email_response' AND outcome = 'positive'",
            clientId, leadId));
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = 'auto_reply_replied'", leadId));
    }

    [Fact]
    public async Task A_bounce_is_recorded_as_a_negative_outcome()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var (_, leadId, messageId) = await LeadWithAutoReplyAsync();

        var response = await admin.PostAsync("/api/admin/email-events", new { messageId, @event = "bounced", detail = "550 5.1.1 user unknown" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("negative|550 5.1.1 user unknown", await Rows.ScalarAsync(fixture.Database.OwnerConnectionString,
            "SELECT outcome || '|' || (context_data ->> 'detail') FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'email_response'", leadId));
    }

    [Fact]
    public async Task An_unknown_message_id_is_404()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var response = await admin.PostAsync("/api/admin/email-events", new { messageId = $"{Guid.NewGuid():N}@nowhere.test", @event = "bounced" });

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("""{"messageId":"abc@avenir.test","event":"opened"}""", "event")]
    [InlineData("""{"event":"replied"}""", "messageId")]
    [InlineData("""{"messageId":"two words@avenir.test","event":"replied"}""", "messageId")]
    public async Task An_invalid_event_is_400_naming_the_field(string json, string field)
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var response = await SendJsonAsync(admin, json);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"names {field}: {problem}");
    }

    [Theory]
    [InlineData("""{"messageId":"abc@avenir.test","event":""")]
    [InlineData("""{"messageId":"abc@avenir.test","event":"replied","occurredAt":"yesterday"}""")]
    public async Task A_malformed_body_is_400(string json)
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));

        var response = await SendJsonAsync(admin, json);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_body");
    }

    [Fact]
    public async Task A_client_user_gets_403_from_every_learning_endpoint()
    {
        using var user = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync());
        var (_, leadId, messageId) = await LeadWithAutoReplyAsync();

        await Problems.AssertAsync(
            await user.PostAsync("/api/admin/email-events", new { messageId, @event = "replied" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await user.GetAsync("/api/admin/model-accuracy"), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await user.GetAsync("/api/admin/performance"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM feedback_tracking WHERE lead_id = $1", leadId));
    }

    [Fact]
    public async Task Model_accuracy_answers_the_latest_figure_per_model_field_and_day_and_totals_per_field()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var model = $"model-{Guid.NewGuid():N}";
        var today = fixture.Clock.GetUtcNow().UtcDateTime.Date;
        var (yesterday, lastMonth) = (today.AddDays(-1), today.AddDays(-40));
        await InsertAccuracyAsync(model, "intent", yesterday, 10, 5, recordedAt: fixture.Clock.GetUtcNow().AddHours(-2)); // replaced by the next
        await InsertAccuracyAsync(model, "intent", yesterday, 10, 2, recordedAt: fixture.Clock.GetUtcNow().AddHours(-1));
        await InsertAccuracyAsync(model, "intent", today, 30, 3, recordedAt: fixture.Clock.GetUtcNow().AddHours(-1));
        await InsertAccuracyAsync(model, "tone", today, 4, 1, recordedAt: fixture.Clock.GetUtcNow().AddHours(-1));
        await InsertAccuracyAsync(model, "intent", lastMonth, 100, 100, recordedAt: fixture.Clock.GetUtcNow().AddHours(-1)); // outside 30 days

        var report = await admin.GetJsonAsync("/api/admin/model-accuracy?days=30");

        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), report.GetProperty("from").GetString());
        var fields = report.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model).GetProperty("fields");
        var intent = fields[0];
        Assert.Equal(("intent", 40, 5, 0.875), (intent.GetProperty("field").GetString(), intent.GetProperty("predictions").GetInt32(),
            intent.GetProperty("corrected").GetInt32(), intent.GetProperty("accuracy").GetDouble()));
        Assert.Equal([(Day(yesterday), 10, 2, 0.8), (Day(today), 30, 3, 0.9)], intent.GetProperty("days").EnumerateArray()
            .Select(d => (d.GetProperty("day").GetString(), d.GetProperty("predictions").GetInt32(), d.GetProperty("corrected").GetInt32(),
                d.GetProperty("accuracy").GetDouble())));
        Assert.Equal(("tone", 0.75), (fields[1].GetProperty("field").GetString(), fields[1].GetProperty("accuracy").GetDouble()));
        await Problems.AssertAsync(await admin.GetAsync("/api/admin/model-accuracy?days=0"), HttpStatusCode.BadRequest, "invalid_parameter");
        await Problems.AssertAsync(await admin.GetAsync("/api/admin/model-accuracy?days=abc"), HttpStatusCode.BadRequest, "invalid_parameter");
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task InsertAccuracyAsync(string model, string field, DateTime day, int predictions, int corrected, DateTimeOffset recordedAt) =>
        Rows.ExecuteAsync(fixture.Database.OwnerConnectionString,
            """
            INSERT INTO performance_metrics (event_type, metric_name, metric_value, metric_unit, ai_accuracy, source_component, recorded_at, metadata)
            VALUES ('ai_analysis', 'accuracy', $5, 'score', round($5::numeric, 3), 'intelligence_engine', $6,
                    jsonb_build_object('model', $1::text, 'field', $2::text, 'day', $3::text, 'predictions', $4::int, 'corrected', $7::int))
            """,
            model, field, Day(day), predictions, (double)(predictions - corrected) / predictions, recordedAt, corrected);

    private static async Task<HttpResponseMessage> SendJsonAsync(DashboardSession session, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/email-events")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-Token", session.CsrfToken);
        return await session.Browser.SendAsync(request);
    }

    private async Task<(Guid ClientId, Guid LeadId, string MessageId)> LeadWithAutoReplyAsync()
    {
        var (clientId, _, _) = await fixture.RegisterClientAsync();
        var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, TestLeads.Submission("Bonjour"));
        var grain = fixture.Grains.GetLeadGrain(clientId, leadId);
        var messageId = $"{Guid.NewGuid():N}@avenir.test";
        await grain.ReserveAutoReplyAsync(messageId, new AutoReplyLimits());
        await grain.MarkAutoReplySentAsync(messageId, "Sent.");
        return (clientId, leadId, messageId);
    }
}

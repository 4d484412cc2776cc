using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Leads;

[Collection(ApiCollection.Name)]
public sealed class LeadIntakeTests(ApiFixture fixture)
{
    [Fact]
    public async Task Json_lead_is_stored_with_its_action_request_log_and_follow_up_jobs_before_201()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var leadId = body.GetProperty("id").GetGuid();
        Assert.Equal("created", body.GetProperty("status").GetString());
        Assert.Equal($"/api/leads/{leadId}", response.Headers.Location?.OriginalString);

        var db = fixture.Database.OwnerConnectionString;
        Assert.Equal(1, await Rows.CountAsync(
            db, "SELECT count(*) FROM lead_memory WHERE id = $1 AND client_id = $2 AND metadata->>'utm_source' = 'google'", leadId, clientId));
        Assert.Equal(1, await Rows.CountAsync(db, "SELECT count(*) FROM lead_actions WHERE lead_id = $1 AND action_type = 'created'", leadId));
        Assert.Equal(2, await Rows.CountAsync(
            db, "SELECT count(*) FROM queue_jobs WHERE payload->>'leadId' = $1 AND job_type IN ('lead_enrichment', 'lead_auto_reply')", leadId.ToString()));
        var loggedKey = await Rows.ScalarAsync(db, "SELECT api_key FROM integration_logs WHERE lead_id = $1", leadId);
        Assert.NotNull(loggedKey);
        Assert.EndsWith("****", loggedKey, StringComparison.Ordinal);
        Assert.DoesNotContain(key, loggedKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_encoded_and_multipart_form_posts_are_accepted()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync();
        var origin = profile.AllowedOrigins[0];

        var encoded = await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(profile.FormKey), origin));
        var multipart = await fixture.Http.SendOnceAsync(
            IntakeRequests.Multipart(IntakeRequests.FormFields(profile.FormKey, "Another message, about gutters this time."), origin));

        Assert.Equal(HttpStatusCode.Created, encoded.StatusCode);
        Assert.Equal(HttpStatusCode.Created, multipart.StatusCode);
    }

    [Fact]
    public async Task The_secret_key_is_refused_anywhere_but_its_header_and_nothing_is_stored()
    {
        var (clientId, key, profile) = await fixture.RegisterClientAsync();
        var origin = profile.AllowedOrigins[0];

        var inForm = await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(key), origin));
        var inQuery = await fixture.Http.SendOnceAsync(
            IntakeRequests.Json(IntakeRequests.Lead(), apiKey: null, path: $"/api/lead?key={Uri.EscapeDataString(key)}"));

        await AssertProblemAsync(inForm, HttpStatusCode.BadRequest, "secret_key_outside_header");
        await AssertProblemAsync(inQuery, HttpStatusCode.BadRequest, "secret_key_outside_header");
        Assert.Equal(0L, await OwnerSql.ScalarAsync(fixture.Database, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"message\":\"hello\"}", "email")]
    [InlineData("{\"email\":\"not-an-address\",\"message\":\"hello\"}", "email")]
    [InlineData("{\"email\":\"a@example.com\",\"message\":\"   \"}", "message")]
    [InlineData("{\"email\":\"a@example.com\"}", "message")]
    public async Task Invalid_lead_gets_400_naming_the_field(string json, string field)
    {
        var (_, key, _) = await fixture.RegisterClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_lead");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names '{field}'");
    }

    [Fact]
    public async Task Unknown_key_gets_401_and_stores_nothing()
    {
        var before = await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory");

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), "avk_this_key_does_not_exist_at_all"));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unknown_key");
        Assert.Equal(before, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory"));
    }

    [Fact]
    public async Task Missing_key_gets_401()
    {
        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), apiKey: null));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "missing_key");
    }

    [Fact]
    public async Task Form_key_works_from_an_allowed_origin_with_cors_headers()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(profile.FormKey), "https://roofers.example.com"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https://roofers.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("https://evil.example.net")]
    [InlineData(null)]
    public async Task Form_key_from_another_origin_or_none_gets_403(string? origin)
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Form(IntakeRequests.FormFields(profile.FormKey), origin));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "origin_not_allowed");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_preflight_is_answered_for_an_allowed_origin_only()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);

        using var allowed = new HttpRequestMessage(HttpMethod.Options, $"/api/lead?key={profile.FormKey}");
        allowed.Headers.Add("Origin", "https://roofers.example.com");
        allowed.Headers.Add("Access-Control-Request-Method", "POST");
        using var refused = new HttpRequestMessage(HttpMethod.Options, $"/api/lead?key={profile.FormKey}");
        refused.Headers.Add("Origin", "https://evil.example.net");
        refused.Headers.Add("Access-Control-Request-Method", "POST");

        var yes = await fixture.Http.SendAsync(allowed);
        var no = await fixture.Http.SendAsync(refused);

        Assert.Equal(HttpStatusCode.NoContent, yes.StatusCode);
        Assert.Equal("https://roofers.example.com", yes.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, no.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_gets_413()
    {
        var (_, key, _) = await fixture.RegisterClientAsync();

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(new string('x', 20_000)), key));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "too_large");
    }

    [Fact]
    public async Task Plain_text_body_gets_415()
    {
        var (_, key, _) = await fixture.RegisterClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead")
        {
            Content = new StringContent("email=a@example.com", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("{\"email\": \"a@example.com\", ")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_json_gets_400_not_500(string json)
    {
        var (_, key, _) = await fixture.RegisterClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);

        var response = await fixture.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed_body");
    }

    [Fact]
    public async Task Same_idempotency_key_and_body_replays_the_first_answer_and_stores_once()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key, idempotencyKey));
        var second = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key, idempotencyKey));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await IdOfAsync(first), await IdOfAsync(second));
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task Same_idempotency_key_with_another_body_gets_422_and_stores_nothing_more()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        var idempotencyKey = Guid.NewGuid().ToString();

        await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key, idempotencyKey));
        var other = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead("A completely different request."), key, idempotencyKey));

        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task Concurrent_posts_with_one_idempotency_key_store_one_lead()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();
        var idempotencyKey = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key, idempotencyKey))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(IdOfAsync))).Distinct());
        Assert.Equal(1, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task A_double_submit_without_idempotency_key_is_merged_into_the_first_lead()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();

        var first = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key));
        var again = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead(), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var merged = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("duplicate", merged.GetProperty("status").GetString());
        var leadId = await IdOfAsync(first);
        Assert.Equal(leadId, merged.GetProperty("id").GetGuid());
        var db = fixture.Database.OwnerConnectionString;
        Assert.Equal(1, await Rows.CountAsync(db, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
        Assert.Equal(1, await Rows.CountAsync(db, "SELECT duplicate_count FROM lead_memory WHERE id = $1", leadId));
        Assert.Equal(2, await Rows.CountAsync(db, "SELECT count(*) FROM queue_jobs WHERE payload->>'clientId' = $1", clientId.ToString()));
    }

    [Fact]
    public async Task A_filled_honeypot_gets_a_success_answer_and_stores_nothing()
    {
        var (clientId, key, _) = await fixture.RegisterClientAsync();

        var response = await fixture.Http.SendOnceAsync(
            IntakeRequests.Json(new { email = "bot@example.com", message = "cheap pills", _honeypot = "http://spam.example" }, key));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, await Rows.CountAsync(fixture.Database.OwnerConnectionString, "SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task Html_form_post_asking_for_a_redirect_on_an_allowed_origin_gets_303()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);
        var fields = IntakeRequests.FormFields(profile.FormKey);
        fields["_redirect"] = "https://roofers.example.com/merci";

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Form(fields, "https://roofers.example.com"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://roofers.example.com/merci", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_redirect_to_a_foreign_site_is_ignored()
    {
        var (_, _, profile) = await fixture.RegisterClientAsync(["https://roofers.example.com"]);
        var fields = IntakeRequests.FormFields(profile.FormKey);
        fields["_redirect"] = "https://phishing.example.net/";

        var response = await fixture.Http.SendOnceAsync(IntakeRequests.Form(fields, "https://roofers.example.com"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("/api/leads/", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_over_the_per_key_limit_get_429_with_retry_after()
    {
        var (_, key, _) = await fixture.RegisterClientAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;

        for (var i = 0; i <= fixture.PermitsPerKeyPerMinute; i++)
        {
            var response = await fixture.Http.SendOnceAsync(IntakeRequests.Json(IntakeRequests.Lead($"Message number {i}"), key));
            statuses.Add(response.StatusCode);
            limited = response;
        }

        Assert.All(statuses.Take(fixture.PermitsPerKeyPerMinute), s => Assert.Equal(HttpStatusCode.Created, s));
        await AssertProblemAsync(limited!, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

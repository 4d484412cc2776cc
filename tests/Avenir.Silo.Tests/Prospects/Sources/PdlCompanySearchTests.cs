using System.Globalization;
using System.Text.Json.Nodes;
using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Prospects.Sources;

public sealed class PdlCompanySearchTests : IDisposable
{
    private const string Path = "/v5/company/search";
    private readonly SourceHarness harness;

    public PdlCompanySearchTests() : this([])
    {
    }

    private PdlCompanySearchTests(Dictionary<string, string?> settings) => harness = new SourceHarness("Prospects:Pdl", settings);

    [Fact]
    public async Task Posts_the_icp_as_an_elasticsearch_query_with_the_key_and_returns_normalised_records()
    {
        Answer(200, "pdl-company-search-page1.json");

        var page = await Pdl.SearchAsync(Icp.Levis, null, 3, CancellationToken.None);

        Assert.Equal(["xn--caf-lvis-d1ac.ca", "cliniquesaintromuald.ca"], page.Records.Select(r => r.Domain.Value));
        Assert.Equal(1, page.Skipped); // no website, no identity
        Assert.Equal(5, page.Total);
        Assert.Equal("1032$88.2$tHnB1v2cXWy3QhYkG0dSTg_0000", page.NextCursor);
        var cafe = page.Records[0];
        Assert.Equal((ProspectSources.PeopleDataLabs, "Café Lévis", "food & beverages", 7, "1-10", "Lévis", "Quebec", "Canada"),
            (cafe.Source, cafe.Name, cafe.Industry, cafe.EmployeeCount, cafe.SizeRange, cafe.City, cafe.Region, cafe.Country));
        Assert.Equal(TestClock.DefaultOrigin, cafe.SeenAt);

        var request = Assert.Single(harness.Server.LogEntries).RequestMessage;
        Assert.Equal("test-key", request.Headers!["X-Api-Key"].Single());
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal(3, body["size"]!.GetValue<int>());
        var must = body["query"]!["bool"]!["must"]!.AsArray().Select(clause => clause!.ToJsonString()).ToList();
        Assert.Contains(must, clause => clause.Contains("\"industry\":[\"dental\",\"construction\"]", StringComparison.Ordinal));
        Assert.Contains(must, clause => clause.Contains("\"size\":[\"1-10\",\"11-50\"]", StringComparison.Ordinal));
        Assert.Contains(must, clause => clause.Contains("\"location.locality\":\"lévis\"", StringComparison.Ordinal)
            || clause.Contains("\"location.locality\":\"l\\u00E9vis\"", StringComparison.Ordinal));
        Assert.Equal(3, Pdl.Quota.CreditsUsed); // one credit per record returned
    }

    [Fact]
    public async Task Pages_by_scroll_token_until_a_short_page()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("paging").WillSetStateTo("second")
            .RespondWith(Json(200, "pdl-company-search-page1.json"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("paging").WhenStateIs("second")
            .RespondWith(Json(200, "pdl-company-search-page2.json"));

        var first = await Pdl.SearchAsync(Icp.Levis, null, 3, CancellationToken.None);
        var second = await Pdl.SearchAsync(Icp.Levis, first.NextCursor, 3, CancellationToken.None);

        Assert.Equal(["toituresbeauce.ca", "garagelamontagne.ca"], second.Records.Select(r => r.Domain.Value));
        Assert.Null(second.NextCursor);
        var secondBody = JsonNode.Parse(harness.Server.LogEntries[^1].RequestMessage.Body!)!;
        Assert.Equal(first.NextCursor, secondBody["scroll_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_match_is_answered_404_by_pdl_and_read_as_an_empty_page()
    {
        Answer(404, "pdl-error-404.json");

        var page = await Pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None);

        Assert.Empty(page.Records);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData(401, "pdl-error-401.json", ProspectSourceFailure.Unauthorized, "valid API key")]
    [InlineData(402, "pdl-error-402.json", ProspectSourceFailure.PaymentRequired, "account maximum")]
    [InlineData(400, "pdl-error-500.json", ProspectSourceFailure.InvalidRequest, "unexpected error")]
    public async Task Client_errors_are_reported_at_once_with_the_providers_words(int status, string fixture, ProspectSourceFailure failure, string words)
    {
        Answer(status, fixture);

        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => Pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(failure, error.Failure);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.LogEntries); // never retried
    }

    [Fact]
    public async Task A_429_waits_until_x_ratelimit_reset_then_asks_again()
    {
        var reset = TestClock.DefaultOrigin.AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("limit").WillSetStateTo("reset")
            .RespondWith(Json(429, "pdl-error-429.json").WithHeader("x-ratelimit-reset", reset).WithHeader("x-ratelimit-remaining", "0"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("limit").WhenStateIs("reset")
            .RespondWith(Json(200, "pdl-company-search-page2.json"));

        var page = await Pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None);

        Assert.Equal(2, page.Records.Count);
        Assert.Equal([TimeSpan.FromSeconds(20)], harness.Delay.Waits);
        Assert.Equal(2, harness.Server.LogEntries.Count);
    }

    [Fact]
    public async Task A_429_whose_reset_is_too_far_away_is_reported_with_when_to_retry()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Json(429, "pdl-error-429.json").WithHeader("Retry-After", "3600"));

        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => Pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(ProspectSourceFailure.RateLimited, error.Failure);
        Assert.Equal(TestClock.DefaultOrigin.AddHours(1), error.RetryAt);
        Assert.Single(harness.Server.LogEntries);
        Assert.Equal(TestClock.DefaultOrigin.AddHours(1), Pdl.Quota.BlockedUntil);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_third_attempt_answers()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("flaky").WillSetStateTo("500")
            .RespondWith(Json(503, "pdl-error-500.json"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("flaky").WhenStateIs("500").WillSetStateTo("ok")
            .RespondWith(Json(500, "pdl-error-500.json"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Json(200, "pdl-company-search-page2.json"));

        var page = await Pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None);

        Assert.Equal(2, page.Records.Count);
        Assert.Equal(3, harness.Server.LogEntries.Count);
    }

    [Fact]
    public async Task A_retry_waits_exactly_what_retry_after_asks_on_the_clock()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("busy").WillSetStateTo("ok")
            .RespondWith(Json(503, "pdl-error-500.json").WithHeader("Retry-After", "7"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("busy").WhenStateIs("ok")
            .RespondWith(Json(200, "pdl-company-search-page2.json"));
        var clock = (WatchedTimeProvider)harness.Time;
        var backOff = clock.TimerCreated(TimeSpan.FromSeconds(7));

        var search = Pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None);
        await backOff.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(search.IsCompleted);
        Assert.Single(harness.Server.LogEntries);
        clock.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(2, (await search).Records.Count);
        Assert.Equal(2, harness.Server.LogEntries.Count);
    }

    [Fact]
    public async Task Persistent_server_errors_end_unavailable_and_open_the_circuit_which_then_fails_fast()
    {
        using var strict = new SourceHarness("Prospects:Pdl", new()
        {
            [":Resilience:MaxRetries"] = "0",
            [":Resilience:CircuitBreakerMinimumThroughput"] = "2",
            [":Resilience:CircuitBreakerFailureRatio"] = "0.5",
        });
        strict.Server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Json(500, "pdl-error-500.json"));
        var pdl = strict.Source(ProspectSources.PeopleDataLabs);

        var first = await Assert.ThrowsAsync<ProspectSourceException>(() => pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));
        var second = await Assert.ThrowsAsync<ProspectSourceException>(() => pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));
        var third = await Assert.ThrowsAsync<ProspectSourceException>(() => pdl.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(ProspectSourceFailure.Unavailable, first.Failure);
        Assert.Equal(ProspectSourceFailure.Unavailable, second.Failure);
        Assert.Equal(ProspectSourceFailure.CircuitOpen, third.Failure);
        Assert.NotNull(third.RetryAt);
        Assert.Equal(2, strict.Server.LogEntries.Count); // the open circuit sent nothing
    }

    [Fact]
    public async Task The_credit_budget_caps_the_page_size_and_stops_requests_once_spent()
    {
        using var budget = new SourceHarness("Prospects:Pdl", new() { [":CreditLimit"] = "3" });
        budget.Server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Json(200, "pdl-company-search-page1.json"));
        var pdl = budget.Source(ProspectSources.PeopleDataLabs);

        await pdl.SearchAsync(Icp.Levis, null, 100, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => pdl.SearchAsync(Icp.Levis, null, 100, CancellationToken.None));

        Assert.Equal(3, JsonNode.Parse(budget.Server.LogEntries.Single().RequestMessage.Body!)!["size"]!.GetValue<int>());
        Assert.Equal(ProspectSourceFailure.QuotaExhausted, error.Failure);
        Assert.Equal(0, pdl.Quota.CreditsRemaining);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), error.RetryAt);
    }

    public void Dispose() => harness.Dispose();

    private IProspectSource Pdl => harness.Source(ProspectSources.PeopleDataLabs);

    private void Answer(int status, string fixture) =>
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost().WithHeader("X-Api-Key", "test-key")).RespondWith(Json(status, fixture));

    private static IResponseBuilder Json(int status, string fixture) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(SourceHarness.Fixture(fixture));
}

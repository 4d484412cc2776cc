using System.Text.Json.Nodes;
using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.Sources;
using WireMock.ResponseBuilders;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Prospects.Sources;

public sealed class ApolloOrganizationSearchTests : IDisposable
{
    private const string Path = "/api/v1/mixed_companies/search";
    private readonly SourceHarness harness = new("Prospects:Apollo");

    [Fact]
    public async Task Posts_filters_from_the_icp_and_pages_by_page_number()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost().WithHeader("x-api-key", "test-key")).InScenario("pages").WillSetStateTo("2")
            .RespondWith(Json(200, "apollo-search-page1.json"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost().WithHeader("x-api-key", "test-key")).InScenario("pages").WhenStateIs("2")
            .RespondWith(Json(200, "apollo-search-page2.json"));

        var first = await Apollo.SearchAsync(Icp.Levis, null, 2, CancellationToken.None);
        var second = await Apollo.SearchAsync(Icp.Levis, first.NextCursor, 2, CancellationToken.None);

        Assert.Equal(["xn--caf-lvis-d1ac.ca", "renovationsboreal.ca"], first.Records.Select(r => r.Domain.Value));
        Assert.Equal("2", first.NextCursor);
        Assert.Equal(3, first.Total);
        Assert.Equal(["notairesrive-sud.ca"], second.Records.Select(r => r.Domain.Value));
        Assert.Null(second.NextCursor);
        var cafe = first.Records[0];
        Assert.Equal((ProspectSources.Apollo, "Cafe Levis Inc", "restaurants", 12, "Levis", "+1 418-555-0100"),
            (cafe.Source, cafe.Name, cafe.Industry, cafe.EmployeeCount, cafe.City, cafe.Phone));

        var body = JsonNode.Parse(harness.Server.LogEntries[0].RequestMessage.Body!)!;
        Assert.Equal(["lévis, quebec, canada", "quebec, canada"], body["organization_locations"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["1,10", "11,50"], body["organization_num_employees_ranges"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["dental", "construction", "soumission"], body["q_organization_keyword_tags"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal((1, 2), (body["page"]!.GetValue<int>(), body["per_page"]!.GetValue<int>()));
        Assert.Equal(2, JsonNode.Parse(harness.Server.LogEntries[1].RequestMessage.Body!)!["page"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_free_plan_key_is_answered_403_and_reported_as_a_plan_restriction()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Json(403, "apollo-error-403-free-plan.json"));

        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => Apollo.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(ProspectSourceFailure.Forbidden, error.Failure);
        Assert.Contains("free plan", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.LogEntries);
    }

    [Fact]
    public async Task A_wrong_key_is_401_unauthorized()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Json(401, "apollo-error-401.json"));

        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => Apollo.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(ProspectSourceFailure.Unauthorized, error.Failure);
        Assert.Contains("Invalid access credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_sat_out_once_then_answered()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("rate").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "45")
                .WithBody("{\"message\":\"The maximum number of api calls allowed for api/v1/mixed_companies/search is 50 times every minute.\"}"));
        harness.Server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("rate").WhenStateIs("ok")
            .RespondWith(Json(200, "apollo-search-page2.json"));

        var page = await Apollo.SearchAsync(Icp.Levis, null, 10, CancellationToken.None);

        Assert.Single(page.Records);
        Assert.Equal([TimeSpan.FromSeconds(45)], harness.Delay.Waits);
    }

    public void Dispose() => harness.Dispose();

    private IProspectSource Apollo => harness.Source(ProspectSources.Apollo);

    private static IResponseBuilder Json(int status, string fixture) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(SourceHarness.Fixture(fixture));
}

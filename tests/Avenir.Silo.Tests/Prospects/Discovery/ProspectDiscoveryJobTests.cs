using System.Text.Json;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.Discovery;
using Avenir.Silo.Prospects.Sources;
using Avenir.Silo.Tests.Jobs;
using Avenir.Silo.Tests.Prospects.Grains;
using Avenir.Silo.Tests.Prospects.Sources;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Prospects.Discovery;

/// <summary>
/// The <c>prospect_discovery</c> job end to end: the admin's ICP enqueued by <see cref="IProspectJobsGrain"/>, run by the
/// job runner against local servers speaking PDL's protocol (two pages) and Apollo's (a free plan's 403), each company
/// merged by its grain, the per-source report as the job's result.
/// </summary>
[Collection(ProspectClusterCollection.Name)]
public sealed class ProspectDiscoveryJobTests(ProspectClusterFixture fixture) : IDisposable
{
    private readonly SourceHarness pdl = new("Prospects:Pdl");
    private readonly SourceHarness apollo = new("Prospects:Apollo");

    [Fact]
    public async Task A_discovery_job_merges_every_page_of_pdl_reports_apollos_403_and_a_second_run_changes_nothing()
    {
        pdl.Server.Given(Request.Create().WithPath("/v5/company/search").UsingPost()).InScenario("paging").WillSetStateTo("second")
            .RespondWith(Json(200, "pdl-company-search-page1.json"));
        pdl.Server.Given(Request.Create().WithPath("/v5/company/search").UsingPost()).InScenario("paging").WhenStateIs("second")
            .RespondWith(Json(200, "pdl-company-search-page2.json"));
        apollo.Server.Given(Request.Create().WithPath("/api/v1/mixed_companies/search").UsingPost())
            .RespondWith(Json(403, "apollo-error-403-free-plan.json"));
        await fixture.Grains.GetGrain<IIdealCustomerProfileGrain>(0).SetAsync(new IcpDefinition
        {
            Industries = ["dental", "construction"], Regions = [new IcpPlace("canada", "quebec")], Languages = ["fr"], MaxEmployees = 50,
        });

        var jobId = await fixture.Grains.GetGrain<IProspectJobsGrain>(0).StartDiscoveryAsync();
        Assert.NotNull(jobId);
        await using var jobs = Jobs();
        Assert.Equal(1, await jobs.RunUntilIdleAsync(ProspectJobTypes.Discovery));

        var result = await ResultAsync(jobId.Value);
        var sources = result.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString()!);
        var fromPdl = sources["pdl"];
        Assert.Equal((2, 4, 4, 0, true), (fromPdl.GetProperty("pages").GetInt32(), fromPdl.GetProperty("records").GetInt32(),
            fromPdl.GetProperty("created").GetInt32(), fromPdl.GetProperty("unchanged").GetInt32(), fromPdl.GetProperty("exhausted").GetBoolean()));
        // One credit per record PDL returned, the one without a website (skipped) too.
        Assert.Equal(1, fromPdl.GetProperty("skipped").GetInt32());
        Assert.Equal(5, fromPdl.GetProperty("quota").GetProperty("creditsUsed").GetInt64());
        Assert.Equal(JsonValueKind.Null, fromPdl.GetProperty("error").ValueKind);
        var apolloError = sources["apollo"].GetProperty("error");
        Assert.Equal(("Forbidden", 403), (apolloError.GetProperty("failure").GetString(), apolloError.GetProperty("statusCode").GetInt32()));
        Assert.Contains("free plan", apolloError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, sources["apollo"].GetProperty("pages").GetInt32());

        Assert.Equal(["pdl"], (string[])(await OwnerSql.ScalarAsync(fixture.Database,
            "SELECT sources FROM prospect_candidates WHERE website_domain = 'toituresbeauce.ca'"))!);
        var cafe = await fixture.Grains.GetGrain<IProspectGrain>("xn--caf-lvis-d1ac.ca").GetAsync();
        Assert.Equal("Café Lévis", cafe!.BusinessName);

        // The same discovery again: the same records merge into the same prospects and write nothing.
        pdl.Server.ResetScenarios();
        var again = await fixture.Grains.GetGrain<IProspectJobsGrain>(0).StartDiscoveryAsync();
        jobs.Time.SetUtcNow(fixture.Clock.GetUtcNow());
        Assert.Equal(1, await jobs.RunUntilIdleAsync(ProspectJobTypes.Discovery));
        var second = (await ResultAsync(again!.Value)).GetProperty("sources")[0];
        Assert.Equal((4, 0), (second.GetProperty("unchanged").GetInt32(), second.GetProperty("created").GetInt32()));
    }

    public void Dispose()
    {
        pdl.Dispose();
        apollo.Dispose();
    }

    /// <summary>The job runner with the discovery handler, the cluster's grains and the two local sources.</summary>
    private JobHarness Jobs() => new(fixture.Database.ApplicationConnectionString, services =>
    {
        services.AddSingleton(fixture.Grains);
        services.AddSingleton(pdl.Source(ProspectSources.PeopleDataLabs));
        services.AddSingleton(apollo.Source(ProspectSources.Apollo));
        services.AddProspectDiscoveryJob();
        // The fixtures' pages hold 3 companies; PDL's adapter reads a shorter page than asked as the last one.
        services.Configure<ProspectDiscoveryOptions>(options => options.PageSize = 3);
    }, start: fixture.Clock.GetUtcNow());

    private async Task<JsonElement> ResultAsync(Guid jobId)
    {
        var status = (string?)await OwnerSql.ScalarAsync(fixture.Database, "SELECT status FROM queue_jobs WHERE id = $1", jobId);
        Assert.Equal("completed", status);
        var text = (string)(await OwnerSql.ScalarAsync(fixture.Database, "SELECT result::text FROM queue_jobs WHERE id = $1", jobId))!;
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static IResponseBuilder Json(int status, string name) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(SourceHarness.Fixture(name));
}

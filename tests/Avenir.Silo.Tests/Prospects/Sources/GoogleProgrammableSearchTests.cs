using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.Sources;
using Avenir.Silo.Prospects.Sources.Google;
using WireMock.ResponseBuilders;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Prospects.Sources;

public sealed class GoogleProgrammableSearchTests : IDisposable
{
    private const string Path = "/customsearch/v1";
    private readonly SourceHarness harness = new("Prospects:Google");

    [Fact]
    public async Task Searches_one_phrase_per_industry_and_place_in_the_icp_language_and_skips_directories()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingGet().WithParam("key", "test-key").WithParam("cx", "engine-1"))
            .RespondWith(Json(200, "google-search-page1.json"));

        var page = await Google.SearchAsync(Icp.Levis, null, 3, CancellationToken.None);

        Assert.Equal(["cliniquesaintromuald.ca", "centredentairedesjardins.com"], page.Records.Select(r => r.Domain.Value));
        Assert.Equal(1, page.Skipped); // Pages Jaunes is a directory
        Assert.Equal(1230, page.Total);
        Assert.Equal("0:4", page.NextCursor);
        Assert.Equal("Clinique Dentaire Saint-Romuald", page.Records[0].Name);
        Assert.Equal("fr", page.Records[0].Language);
        Assert.DoesNotContain('\n', page.Records[0].Description!);
        var query = harness.Server.LogEntries[0].RequestMessage.Query!;
        Assert.Equal("dentiste Lévis", query["q"].Single());
        Assert.Equal(("1", "3", "lang_fr", "ca"), (query["start"].Single(), query["num"].Single(), query["lr"].Single(), query["gl"].Single()));
    }

    [Fact]
    public async Task A_short_page_moves_the_cursor_to_the_next_phrase_and_the_last_phrase_ends_paging()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingGet()).RespondWith(Json(200, "google-search-page1.json"));
        var phrases = GoogleSearchQuery.From(Icp.Levis);

        var page = await Google.SearchAsync(Icp.Levis, "0:1", 10, CancellationToken.None);
        var last = await Google.SearchAsync(Icp.Levis, $"{phrases.Count - 1}:1", 10, CancellationToken.None);

        Assert.Equal("1:1", page.NextCursor);
        Assert.Null(last.NextCursor);
        Assert.Equal(
            [
                "dentiste Lévis", "dentiste Quebec", "entrepreneur construction Lévis", "entrepreneur construction Quebec", "soumission Lévis",
                "soumission Quebec",
            ],
            phrases.Select(p => p.Text));
    }

    [Fact]
    public async Task A_closed_or_disabled_api_is_403_forbidden_and_a_spent_daily_quota_is_counted_here_first()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingGet()).RespondWith(Json(403, "google-error-403.json"));

        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => Google.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(ProspectSourceFailure.Forbidden, error.Failure);
        Assert.Contains("has not been used in project", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, Google.Quota.CreditLimit);
    }

    [Fact]
    public async Task Repeated_429s_end_rate_limited_after_sitting_out_each_reset()
    {
        harness.Server.Given(Request.Create().WithPath(Path).UsingGet()).RespondWith(Json(429, "google-error-429.json"));

        var error = await Assert.ThrowsAsync<ProspectSourceException>(() => Google.SearchAsync(Icp.Levis, null, 10, CancellationToken.None));

        Assert.Equal(ProspectSourceFailure.RateLimited, error.Failure);
        Assert.Contains("Quota exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + SourceRequestSender.MaxRateLimitRetries, harness.Server.LogEntries.Count);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)], harness.Delay.Waits); // no header: a minute each
    }

    public void Dispose() => harness.Dispose();

    private IProspectSource Google => harness.Source(ProspectSources.Google);

    private static IResponseBuilder Json(int status, string fixture) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(SourceHarness.Fixture(fixture));
}

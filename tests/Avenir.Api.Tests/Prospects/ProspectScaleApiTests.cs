using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Avenir.Api.Tests.Dashboard;
using Avenir.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Avenir.Api.Tests.Prospects;

/// <summary>A database of its own: this test fills it with the original system's 34,823 prospects.</summary>
public sealed class ProspectScaleApiFixture : ApiFixture;

[CollectionDefinition(Name)]
public sealed class ProspectScaleApiCollection : ICollectionFixture<ProspectScaleApiFixture>
{
    public const string Name = "prospects API at the original system's size";
}

/// <summary>
/// The admin's import and list over HTTP at the original system's size (issue 11): the 34,823-row file with a tenth of
/// duplicates through <c>POST /api/admin/prospects/import</c>, then the list's first page. The seconds and milliseconds
/// are printed, never asserted.
/// </summary>
[Collection(ProspectScaleApiCollection.Name)]
public sealed class ProspectScaleApiTests(ProspectScaleApiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Benchmark")]
    public async Task The_original_systems_file_imports_through_http_and_the_list_pages_it()
    {
        using var admin = await DashboardSession.SignInAsync(fixture, await fixture.RegisterUserAsync(isInternal: true));
        var prefix = "http-" + Guid.NewGuid().ToString("N")[..8];
        var (csv, companies) = Avenir.Testing.TestProspects.Generate(prefix, Avenir.Testing.TestProspects.OriginalSystemRows);

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/prospects/import") { Content = new ByteArrayContent(csv) };
        request.Content.Headers.ContentType = new("text/csv");
        request.Headers.Add("X-CSRF-Token", admin.CsrfToken);
        using var response = await admin.Browser.SendAsync(request);
        var importSeconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((companies, Avenir.Testing.TestProspects.OriginalSystemRows - companies),
            (report.GetProperty("imported").GetInt32(), report.GetProperty("merged").GetInt32()));

        var firstPage = await MedianMillisecondsAsync(admin, "/api/admin/prospects?pageSize=25", companies);
        var filtered = await MedianMillisecondsAsync(admin, "/api/admin/prospects?pageSize=25&industry=dental&language=fr&minScore=60", null);
        output.WriteLine(
            $"HTTP import of {Avenir.Testing.TestProspects.OriginalSystemRows} rows: {importSeconds:F1} s; list first page (score order, exact total) "
            + $"median of 20: {firstPage:F1} ms; filtered (industry, language, score): {filtered:F1} ms");
    }

    /// <summary>Median over 20 requests after 3 warm-ups; each answer is a full page (and, when given, the exact total).</summary>
    private static async Task<double> MedianMillisecondsAsync(DashboardSession admin, string path, int? total)
    {
        var timings = new List<double>();
        for (var i = 0; i < 23; i++)
        {
            var clock = Stopwatch.StartNew();
            var page = await admin.GetJsonAsync(path);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(25, page.GetProperty("items").GetArrayLength());
            if (total is { } expected)
            {
                Assert.Equal(expected, page.GetProperty("total").GetInt64());
            }

            if (i >= 3)
            {
                timings.Add(elapsed);
            }
        }

        timings.Sort();
        return timings[timings.Count / 2];
    }
}

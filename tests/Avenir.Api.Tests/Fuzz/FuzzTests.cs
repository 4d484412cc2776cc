using System.Diagnostics;
using Avenir.Api.Auth;
using Avenir.Api.Leads;
using Avenir.Api.Outreach;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Ten thousand generated malformed requests over every endpoint the API maps — anonymous intake, preflight, read-back
/// and sign-in, and the dashboard and admin APIs with real sessions and with broken ones — from a fixed seed (docs/fuzzing.md).
/// </summary>
[Collection(FuzzCollection.Name)]
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(FuzzApiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Malformed_requests_over_every_endpoint_get_no_5xx_only_problems_and_leave_nothing_half_written()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"Seed {settings.Seed}, {settings.Requests} requests (AVENIR_FUZZ_SEED, AVENIR_FUZZ_REQUESTS, AVENIR_FUZZ_PARALLELISM override).");
        var targets = FuzzTargets.From(
            fixture.ApiServices.GetRequiredService<EndpointDataSource>(), fixture.ApiServices.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxBodyBytes);
        AssertCovers(targets);
        var world = await FuzzWorld.ArrangeAsync(fixture);
        var ledger = await IntakeLedger.OpenAsync(fixture.Database, world);
        var generator = new RequestGenerator(settings.Seed, world, targets);

        // Measured for the report only: nothing is asserted on time.
        var clock = Stopwatch.StartNew();
        var outcomes = await FuzzRunner.RunAsync(fixture.Http.BaseAddress!, generator, settings);
        clock.Stop();

        var offenses = FuzzVerdicts.Of(outcomes).ToList();
        var discrepancies = await ledger.CheckAsync(fixture.Database, world, outcomes);
        output.WriteLine(FuzzReport.Figures(settings, targets, outcomes, clock.Elapsed, ledger));
        if (offenses.Count > 0 || discrepancies.Count > 0)
        {
            Assert.Fail(FuzzReport.Offenders(offenses, discrepancies));
        }

        // Every endpoint was aimed at, so a new one cannot hide from the suite (checked when the run is long enough to reach them all).
        if (settings.Requests >= 100 * targets.Count)
        {
            var aimed = outcomes.Select(o => o.Request.Target).OfType<FuzzTarget>().ToHashSet();
            Assert.Empty(targets.Where(t => !aimed.Contains(t)).Select(t => t.ToString()));
        }
    }

    /// <summary>The enumeration found the surfaces the issue names: if it did not, the run would prove nothing about them.</summary>
    private static void AssertCovers(IReadOnlyList<FuzzTarget> targets)
    {
        Assert.Contains(targets, t => t.Method == "POST" && t.Route == LeadIntakeApi.Path && t.Body?.Kind == BodyKind.LeadForm);
        Assert.Contains(targets, t => t.Method == "OPTIONS" && t.Route == LeadIntakeApi.Path);
        Assert.Contains(targets, t => t.Method == "GET" && t.Route == OutreachTrackingApi.OpenPrefix + "/{token}" && t.Access == FuzzAccess.Anonymous);
        Assert.Contains(targets, t => t.Method == "GET" && t.Route == OutreachTrackingApi.ClickPrefix + "/{token}" && t.Access == FuzzAccess.Anonymous);
        Assert.Contains(targets, t => t.Method == "POST" && t.Route == OutreachTrackingApi.UnsubscribePrefix + "/{token}"
            && t.Access == FuzzAccess.Anonymous && t.Body?.Kind == BodyKind.LeadForm);
        Assert.Contains(targets, t => t.Method == "GET" && t.Route.StartsWith(LeadsApi.Path + "/", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Method == "POST" && t.Route == AuthApi.LoginPath && t.Access == FuzzAccess.Anonymous && t.Body is not null);
        Assert.Contains(targets, t => t.Access == FuzzAccess.Session && t.Route.StartsWith("/api/dashboard/", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Access == FuzzAccess.Admin && t.Route.StartsWith("/api/admin/", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Net.Sockets;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects;
using Avenir.Silo.Prospects.FormTesting.Fetching;
using Avenir.Silo.Tests.Jobs;
using Avenir.Silo.Tests.Prospects.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

/// <summary>
/// The <c>prospect_form_test</c> job: started by <see cref="IProspectJobsGrain"/> (pending row + job), run by the job
/// runner against the local prospect sites and a real IMAP mailbox (smtp4dev), rescheduled while it waits, on a fake
/// clock. Each prospect's website is a name (<c>*.test</c>) the test resolves to the local site's port.
/// </summary>
[Collection(ProspectClusterCollection.Name)]
public sealed class ProspectFormTestJobTests(ProspectClusterFixture cluster, FormTestFixture forms) : IClassFixture<FormTestFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(TestClock.DefaultOrigin);
    private ProspectSites sites = null!;

    public async Task InitializeAsync()
    {
        // The job runner's clock must be past the grain's enqueue time (the cluster's clock).
        time.SetUtcNow(cluster.Clock.GetUtcNow().AddMinutes(1));
        sites = await ProspectSites.StartAsync(time, forms.Mail);
    }

    public async Task DisposeAsync() => await sites.DisposeAsync();

    [Fact]
    public async Task A_form_that_never_answers_is_watched_by_rescheduling_and_times_out_after_48_hours_then_the_score_counts_it()
    {
        var (prospectId, domain) = await ProspectAsync("silencieux", ProspectSites.Silent);
        var start = await cluster.Grains.GetGrain<IProspectJobsGrain>(0).StartFormTestAsync(prospectId);
        Assert.NotNull(start.TestId);
        Assert.Equal("pending", await StatusAsync(start.TestId.Value));

        await using var jobs = Jobs();
        Assert.Equal(1, await jobs.RunUntilIdleAsync(ProspectJobTypes.FormTest)); // visit, submit, first check: rescheduled
        Assert.Equal("pending", await StatusAsync(start.TestId.Value));
        Assert.Equal("true", await OwnerSql.ScalarAsync(cluster.Database,
            "SELECT metadata->'submitted'->>'submitted' FROM prospect_form_tests WHERE id = $1", start.TestId.Value));
        Assert.Single(sites.HitsOf(ProspectSites.Silent), h => h.Method == "POST");

        for (var check = 1; check <= 4; check++)
        {
            time.Advance(TimeSpan.FromHours(12));
            Assert.Equal(1, await jobs.RunUntilIdleAsync(ProspectJobTypes.FormTest));
        }

        Assert.Equal("timeout", await StatusAsync(start.TestId.Value));
        Assert.Equal((short)0, await OwnerSql.ScalarAsync(cluster.Database, "SELECT score FROM prospect_form_tests WHERE id = $1", start.TestId.Value));
        Assert.Equal("none",
            await OwnerSql.ScalarAsync(cluster.Database, "SELECT autoresponder_tone FROM prospect_form_tests WHERE id = $1", start.TestId.Value));
        Assert.Equal("completed", await OwnerSql.ScalarAsync(cluster.Database, "SELECT status FROM queue_jobs WHERE id = $1", start.JobId!.Value));
        Assert.Single(sites.HitsOf(ProspectSites.Silent), h => h.Method == "POST"); // the inquiry was sent once

        var formTest = (await cluster.Grains.GetGrain<IProspectGrain>(domain).GetAsync())!.ScoreExplanation.Single(p => p.Signal == "form_test");
        Assert.Equal(12, formTest.Points); // no answer before the timeout: the most need
    }

    [Fact]
    public async Task A_site_without_a_form_fails_with_its_reason_at_once_and_the_grain_learns_there_is_no_form()
    {
        var (prospectId, domain) = await ProspectAsync("sansformulaire", ProspectSites.NoForm);
        var start = await cluster.Grains.GetGrain<IProspectJobsGrain>(0).StartFormTestAsync(prospectId);

        await using var jobs = Jobs();
        Assert.Equal(1, await jobs.RunUntilIdleAsync(ProspectJobTypes.FormTest));

        Assert.Equal("failed", await StatusAsync(start.TestId!.Value));
        var reason = (string?)await OwnerSql.ScalarAsync(cluster.Database,
            "SELECT metadata->>'failureReason' FROM prospect_form_tests WHERE id = $1", start.TestId.Value);
        Assert.StartsWith("no_contact_form:", reason, StringComparison.Ordinal);
        var snapshot = (await cluster.Grains.GetGrain<IProspectGrain>(domain).GetAsync())!;
        Assert.False(snapshot.HasContactForm);
        Assert.Equal(8, snapshot.ScoreExplanation.Single(p => p.Signal == "contact_form").Points);
        Assert.Equal(false, await OwnerSql.ScalarAsync(cluster.Database, "SELECT has_contact_form FROM prospect_candidates WHERE id = $1", prospectId));
    }

    [Fact]
    public async Task Unknown_and_do_not_contact_prospects_get_no_test()
    {
        var (prospectId, domain) = await ProspectAsync("nepasjoindre", ProspectSites.Silent);
        await cluster.Grains.GetGrain<IProspectGrain>(domain).SetDoNotContactAsync();

        var unknown = await cluster.Grains.GetGrain<IProspectJobsGrain>(0).StartFormTestAsync(Guid.NewGuid());
        var refused = await cluster.Grains.GetGrain<IProspectJobsGrain>(0).StartFormTestAsync(prospectId);

        Assert.Equal(("not_found", "do_not_contact"), (unknown.Refusal, refused.Refusal));
        Assert.Equal(0L, await OwnerSql.ScalarAsync(cluster.Database, "SELECT count(*) FROM prospect_form_tests WHERE prospect_id = $1", prospectId));
    }

    /// <summary>A prospect whose website (as the CSV wrote it) is http on the local site's port.</summary>
    private async Task<(Guid Id, string Domain)> ProspectAsync(string name, string site)
    {
        var domain = $"{name}-{Guid.NewGuid().ToString("N")[..8]}.test";
        var result = await cluster.Grains.GetGrain<IProspectGrain>(domain).MergeAsync([new ProspectRecord
        {
            Source = ProspectSources.Csv, Website = $"http://{domain}:{sites.Urls[site].Port}/", SeenAt = time.GetUtcNow(), Name = "Entreprise " + name,
        }]);
        return (result.ProspectId, domain);
    }

    private async Task<string?> StatusAsync(Guid testId) =>
        (string?)await OwnerSql.ScalarAsync(cluster.Database, "SELECT test_status FROM prospect_form_tests WHERE id = $1", testId);

    private JobHarness Jobs() => new(cluster.Database.ApplicationConnectionString, services =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prospects:FormTests:Mailbox:Address"] = "tests@agency.example",
            ["Prospects:FormTests:Mailbox:Host"] = "127.0.0.1",
            ["Prospects:FormTests:Mailbox:Port"] = forms.Mail.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Prospects:FormTests:Mailbox:Security"] = "None",
            ["Prospects:FormTests:Mailbox:Username"] = "tests",
            ["Prospects:FormTests:Mailbox:Password"] = "unused",
            ["Prospects:FormTests:PollInterval"] = "12:00:00",
        }).Build();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IDelay>(new RecordingDelay(time));
        services.AddSingleton(forms.Tone.Classifier);
        services.AddSingleton(forms.Tone.Analyzer);
        services.AddSingleton(cluster.Grains);
        services.AddProspects(configuration);
        // Every *.test host is the local site server; the port (kept from the CSV's website) picks the site.
        services.AddHttpClient<SiteFetcher>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        services.AddProspectFormTestJob();
    }, start: time.GetUtcNow());
}

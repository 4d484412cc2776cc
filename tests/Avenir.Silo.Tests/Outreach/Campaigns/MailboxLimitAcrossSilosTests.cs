using System.Security.Cryptography;
using Avenir.Contracts.Outreach;
using Avenir.Grains.Outreach.Mailboxes;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Outreach.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>
/// Two real silos (production configuration, TCP, membership in PostgreSQL), each running its own send runner for two
/// campaigns that share one mailbox, all at once: the mailbox's single grain activation is the only place the limit is
/// decided, so the SMTP server never receives more than the limit, even after the silo holding that grain stops.
/// </summary>
public sealed class MailboxLimitAcrossSilosTests
{
    private const string Mailbox = "shared";
    private const int DailyLimit = 12;
    private const int PerCampaign = 10;

    [Fact]
    public async Task Two_silos_sending_for_one_mailbox_never_exceed_its_limit_even_when_the_silo_holding_its_grain_stops()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var clusterId = TestSilo.NewClusterId();
        var clock = new TestClock(); // a Wednesday, 10:00 in Toronto
        await using var smtp = new ScriptedSmtpServer();
        var settings = Settings(smtp.Port);
        await using var first = await TestSilo.StartAsync(database, clusterId, silo => silo.Services.AddOutreachCampaigns(schedule: false), clock,
            settings);
        await using var second = await TestSilo.StartAsync(database, clusterId, silo => silo.Services.AddOutreachCampaigns(schedule: false), clock,
            settings);
        using var clientHost = await TestSilo.StartClientAsync(database, clusterId);
        var grains = clientHost.Services.GetRequiredService<IClusterClient>();
        var arrange = new ClusterArrangement(grains, database, clock, await OwnerSql.CreateClientAsync(database, "Agency"));

        var campaigns = new List<Guid>();
        for (var c = 0; c < 2; c++)
        {
            var industry = CampaignArrangement.Unique("roofing");
            for (var p = 0; p < PerCampaign; p++)
            {
                await arrange.AddProspectAsync(industry, $"{Guid.NewGuid():N}@roof.example");
            }

            var template = await arrange.AddTemplateAsync("en");
            campaigns.Add((await arrange.ApprovedCampaignAsync(industry, CampaignArrangement.Settings(Mailbox, template))).Id);
        }

        // Every silo's runner on every campaign, concurrently: four callers racing for one mailbox.
        CampaignSendRunner[] runners = [first.Services.GetRequiredService<CampaignSendRunner>(), second.Services.GetRequiredService<CampaignSendRunner>()];
        var passes = await Task.WhenAll(runners.SelectMany(r => campaigns.Select(c => r.SendDueAsync(c, 100, CancellationToken.None))));
        Assert.Equal(DailyLimit, passes.Sum(p => p.Sent));
        Assert.Equal(DailyLimit, smtp.Accepted.Count);
        Assert.Equal(DailyLimit, (await grains.GetGrain<IOutreachMailboxGrain>(Mailbox).GetUsageAsync()).SentInLast24Hours);

        // Stop the silo hosting the mailbox grain: its successor activation reads the sends back from storage.
        var management = grains.GetGrain<IManagementGrain>(0);
        var host = (await management.GetDetailedGrainStatistics())
            .Single(s => s.GrainType.Contains(nameof(OutreachMailboxGrain), StringComparison.Ordinal)).SiloAddress;
        var (victim, survivor) = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(host) ? (first, second) : (second, first);
        await victim.StopAsync();
        var runner = survivor.Services.GetRequiredService<CampaignSendRunner>();

        foreach (var campaign in campaigns)
        {
            var pass = await runner.SendDueAsync(campaign, 100, CancellationToken.None);
            Assert.Equal(0, pass.Sent);
            Assert.True(pass.NextAttemptAt >= clock.GetUtcNow().AddHours(23), $"the mailbox allowed a send at {pass.NextAttemptAt:O}");
        }

        Assert.Equal(DailyLimit, smtp.Accepted.Count);

        // A day later the rest goes (8 of the 20 first emails), and still no more than the limit in 24 hours.
        clock.Advance(TimeSpan.FromDays(1));
        var later = await Task.WhenAll(campaigns.Select(c => runner.SendDueAsync(c, 100, CancellationToken.None)));
        Assert.Equal(2 * PerCampaign - DailyLimit, later.Sum(p => p.Sent));
        Assert.Equal(2 * PerCampaign, smtp.Accepted.Count);
        Assert.Equal(2 * PerCampaign, smtp.Accepted.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
    }

    private static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Outreach:Tracking:BaseUrl"] = CampaignFixture.TrackingBase,
        ["Outreach:Tracking:CurrentKeyId"] = "1",
        ["Outreach:Tracking:Keys:0:Id"] = "1",
        ["Outreach:Tracking:Keys:0:Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        [$"Outreach:Mailboxes:{Mailbox}:Address"] = "marc@avenir-agence.ca",
        [$"Outreach:Mailboxes:{Mailbox}:Smtp:Host"] = "127.0.0.1",
        [$"Outreach:Mailboxes:{Mailbox}:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Outreach:Mailboxes:{Mailbox}:Limits:DailyLimit"] = DailyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Outreach:Mailboxes:{Mailbox}:Limits:MinimumSpacing"] = "00:00:00",
        [$"Outreach:Mailboxes:{Mailbox}:Limits:MaximumJitter"] = "00:00:00",
    };

    private sealed class ClusterArrangement(IGrainFactory grains, DatabaseSettings database, TimeProvider clock, Guid agency) : CampaignArrangement
    {
        public override DatabaseSettings Database => database;

        public override IGrainFactory Grains => grains;

        public override Guid AgencyClientId => agency;

        protected override DateTimeOffset Now => clock.GetUtcNow();
    }
}

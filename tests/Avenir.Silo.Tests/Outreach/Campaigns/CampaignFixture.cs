using System.Collections.Concurrent;
using System.Security.Cryptography;
using Avenir.Contracts.Outreach;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Outreach.Campaigns;
using Avenir.Grains.Outreach.Mailboxes;
using Avenir.Grains.Outreach.Sending;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Outreach.Campaigns;
using Avenir.Silo.Outreach.Composition;
using Avenir.Silo.Outreach.Sending;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>
/// A migrated database, a one-silo cluster whose grains read a clock that stands still but for <see cref="TestClock.Advance"/>
/// (a Wednesday, 10:00 in Toronto), a real SMTP server (<see cref="ScriptedSmtpServer"/>) and the send runner wired to it
/// through the real MailKit sender. Each test works on its own industry, mailbox and campaign, so tests share the cluster.
/// </summary>
public sealed class CampaignFixture : CampaignArrangement, IAsyncLifetime
{
    public const string TrackingBase = "https://go.avenir.test";

    private DatabaseSettings database = null!;
    private Guid agencyClientId;

    public override DatabaseSettings Database => database;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public override IGrainFactory Grains => Cluster.Client;

    public TestClock Clock { get; } = new(moves: false);

    public ScriptedSmtpServer Smtp { get; } = new();

    public TestMailboxLimits Limits { get; } = new();

    public RecordingEventSink Events { get; } = new();

    public TrackingTokens Tokens { get; private set; } = null!;

    public CampaignSendRunner Runner { get; private set; } = null!;

    public override Guid AgencyClientId => agencyClientId;

    protected override DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        Tokens = new TrackingTokens(
            new TrackingKeyRing(1, new Dictionary<byte, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }), Clock, TimeSpan.FromDays(90),
                TimeSpan.FromDays(365));
        var urls = new TrackingUrls(new Uri(TrackingBase), Tokens);
        Cluster = AvenirTestCluster.Build(Database, clock: Clock, services: services =>
        {
            services.AddSingleton(Tokens);
            services.AddSingleton(urls);
            services.AddSingleton(new MailboxSendLimiter(Clock));
            services.AddSingleton<IMailboxLimits>(Limits);
            services.AddSingleton<IOutreachEventSink>(Events);
        });
        await Cluster.DeployAsync();
        agencyClientId = await OwnerSql.CreateClientAsync(Database, "Agency");
        Runner = new CampaignSendRunner(Grains, new OutreachMessageComposer(urls, Clock), new SmtpSenders(Smtp.Port), NullLogger<CampaignSendRunner>.Instance);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public IReadOnlyList<MimeMessage> ReceivedBy(string address) =>
        [.. Smtp.Accepted.Where(m => m.To.Mailboxes.Any(box => string.Equals(box.Address, address, StringComparison.OrdinalIgnoreCase)))];

    private sealed class SmtpSenders(int port) : IOutreachSenderFactory
    {
        public IOutreachSender ForMailbox(string mailboxId) => Create(mailboxId, new OutreachMailboxOptions());

        public IOutreachSender Create(string mailboxId, OutreachMailboxOptions mailbox) =>
            new SmtpOutreachSender(new SmtpMailboxOptions { Host = "127.0.0.1", Port = port, Timeout = TimeSpan.FromSeconds(20) },
                NullLogger<SmtpOutreachSender>.Instance);
    }
}

/// <summary>Mailbox limits the tests set per mailbox; unknown mailboxes get 50 a day with no spacing.</summary>
public sealed class TestMailboxLimits : IMailboxLimits
{
    private readonly ConcurrentDictionary<string, MailboxLimitValues> limits = new(StringComparer.Ordinal);

    public void Set(string mailboxId, MailboxLimitValues values) => limits[mailboxId] = values;

    public MailboxLimitValues? For(string mailboxId) =>
        mailboxId.StartsWith("unknown", StringComparison.Ordinal) ? null : limits.GetValueOrDefault(mailboxId, new(50, TimeSpan.Zero, TimeSpan.Zero));
}

/// <summary>Keeps the prospect events the campaign grains emit.</summary>
public sealed class RecordingEventSink : IOutreachEventSink
{
    public ConcurrentQueue<OutreachProspectEvent> Received { get; } = new();

    public Task PublishAsync(OutreachProspectEvent outreachEvent)
    {
        Received.Enqueue(outreachEvent);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CampaignCollection : ICollectionFixture<CampaignFixture>
{
    public const string Name = "Outreach campaigns on an Orleans cluster with an SMTP server";
}

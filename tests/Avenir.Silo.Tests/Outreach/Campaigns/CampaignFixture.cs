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
public sealed class CampaignFixture : IAsyncLifetime
{
    public const string TrackingBase = "https://go.avenir.test";

    public DatabaseSettings Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public TestClock Clock { get; } = new(moves: false);

    public ScriptedSmtpServer Smtp { get; } = new();

    public TestMailboxLimits Limits { get; } = new();

    public RecordingEventSink Events { get; } = new();

    public TrackingTokens Tokens { get; private set; } = null!;

    public CampaignSendRunner Runner { get; private set; } = null!;

    public Guid AgencyClientId { get; private set; }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
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
        AgencyClientId = await OwnerSql.CreateClientAsync(Database, "Agency");
        Runner = new CampaignSendRunner(Grains, new OutreachMessageComposer(urls, Clock), new SmtpSenders(Smtp.Port), NullLogger<CampaignSendRunner>.Instance);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => OwnerSql.ScalarAsync(Database, sql, parameters);

    /// <summary>Adds a prospect row as the prospects' writer would (the test stands in for it).</summary>
    public async Task<Guid> AddProspectAsync(
        string industry, string? email, string language = "en", string region = "ON", int score = 70, string? firstName = "Sophie", bool tested = false,
        bool consent = true)
    {
        var id = Guid.NewGuid();
        await ScalarAsync(
            """
            INSERT INTO prospect_candidates (id, business_name, website, contact_email, industry, region, language, automation_need_score,
                                             last_tested, source, metadata)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'manual', jsonb_build_object('contact_first_name', $10::text, 'city', 'Toronto'))
            """,
            id, $"Business {id:N}"[..20], $"https://b{id:N}.example", email, industry, region, language, (short)score,
            tested ? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) : null, firstName);
        if (consent && email is not null)
        {
            await RecordConsentAsync(id, new ProspectConsentEvidence(ProspectConsentKinds.ExpressConsent, email, null, Clock.GetUtcNow().AddDays(-30),
                "web_form", false, "Test fixture: the contact form's « Oui, envoyez-moi des offres » box", "fixture@avenir.test"));
        }

        return id;
    }

    /// <summary>Records consent evidence through the prospect's grain (its single writer), as the admin endpoint does.</summary>
    public async Task<ProspectConsentRecorded> RecordConsentAsync(Guid prospectId, ProspectConsentEvidence evidence)
    {
        var recorded = await Grains.GetGrain<IProspectGrain>($"b{prospectId:N}.example").RecordConsentAsync(evidence);
        Assert.NotNull(recorded);
        Assert.Equal(prospectId, recorded.ProspectId);
        return recorded;
    }

    /// <summary>Saves a valid template through its grain; returns its id.</summary>
    public async Task<Guid> AddTemplateAsync(string language, string? subject = null, string? html = null)
    {
        var id = Guid.NewGuid();
        var fr = language == "fr";
        var saved = await Grains.GetGrain<IEmailTemplateGrain>(id).SaveAsync(new EmailTemplateDraft(
            $"Intro {id:N}", null, language, "outreach",
            subject ?? (fr ? "Une idée pour {{ business_name }}" : "An idea for {{ business_name }}"),
            html ?? (fr
                ? "<p>Bonjour {{ contact_first_name | default: 'à vous' }},</p><p><a href=\"https://avenir.example/etude\">Notre étude</a></p>"
                : "<p>Hi {{ contact_first_name | default: 'there' }},</p><p><a href=\"https://avenir.example/case-study\">Our case study</a></p>"),
            fr ? "Bonjour {{ contact_first_name | default: 'à vous' }}" : "Hi {{ contact_first_name | default: 'there' }}",
            [new("business_name"), new("contact_first_name", Required: false)]));
        Assert.Equal(TemplateSaveOutcome.Saved, saved.Outcome);
        return id;
    }

    public static CampaignSettings Settings(string mailboxId, Guid en, Guid? fr = null, IReadOnlyList<int>? followUps = null, double bounceThreshold = 50,
        int bounceMinimum = 100) =>
        new(new CampaignSender(mailboxId, "Marc Tremblay", "marc@avenir-agence.ca", "Avenir Agence", "1200 boul. René-Lévesque O.\nMontréal QC  H3B 4W8"),
            en, fr, null, null, followUps ?? [3, 7], CampaignWindow.BusinessHours, "America/Toronto", bounceThreshold, bounceMinimum);

    /// <summary>A new draft campaign targeting <paramref name="industry"/>.</summary>
    public async Task<(Guid Id, ICampaignGrain Grain)> AddCampaignAsync(string industry, CampaignSettings settings)
    {
        var id = Guid.NewGuid();
        var grain = Grains.GetGrain<ICampaignGrain>(id);
        var created = await grain.CreateAsync(new CampaignDraft(AgencyClientId, $"Campaign {id:N}", new CampaignTarget([industry], [], null, null,
            null, null), settings));
        Assert.Equal(CampaignOutcome.Done, created.Outcome);
        return (id, grain);
    }

    /// <summary>An active campaign whose emails (all steps) for the given prospects are generated and approved.</summary>
    public async Task<(Guid Id, ICampaignGrain Grain)> ApprovedCampaignAsync(string industry, CampaignSettings settings)
    {
        var (id, grain) = await AddCampaignAsync(industry, settings);
        await grain.GenerateEmailsAsync();
        var pending = await EmailIdsAsync(id, step: 1);
        await grain.ReviewAsync(new EmailReview(pending, true, "reviewer@avenir.test", null));
        Assert.Equal(CampaignOutcome.Done, (await grain.ChangeStatusAsync(CampaignStatuses.Active)).Outcome);
        return (id, grain);
    }

    public async Task<IReadOnlyList<Guid>> EmailIdsAsync(Guid campaignId, int step)
    {
        var ids = (Guid[]?)await ScalarAsync(
            "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM outreach_emails WHERE campaign_id = $1 AND follow_up_sequence = $2", campaignId,
                (short)step);
        return ids ?? [];
    }

    public async Task<string?> EmailStatusAsync(Guid campaignId, Guid prospectId, int step) =>
        (string?)await ScalarAsync("SELECT status FROM outreach_emails WHERE campaign_id = $1 AND prospect_id = $2 AND follow_up_sequence = $3",
            campaignId, prospectId, (short)step);

    public async Task<Guid> EmailIdAsync(Guid campaignId, Guid prospectId, int step) =>
        (Guid)(await ScalarAsync("SELECT id FROM outreach_emails WHERE campaign_id = $1 AND prospect_id = $2 AND follow_up_sequence = $3",
            campaignId, prospectId, (short)step))!;

    public IReadOnlyList<MimeMessage> ReceivedBy(string address) =>
        [.. Smtp.Accepted.Where(m => m.To.Mailboxes.Any(box => string.Equals(box.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>A unique name for a test's industry or mailbox.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

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

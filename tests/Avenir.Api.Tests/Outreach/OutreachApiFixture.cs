using Avenir.Api.Tests.Infrastructure;
using Avenir.Contracts.Outreach;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Outreach.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Avenir.Api.Tests.Outreach;

/// <summary>
/// The API fixture of the outreach tests (a database of their own). The silo signs tracking tokens with
/// <see cref="ApiFixture.TrackingSecret"/>, so tests can forge expired or foreign-key tokens; it has no send scheduler
/// (nor job workers), so the only sends are the ones a test reports to its campaign grain (standing in for the transport).
/// </summary>
public class OutreachApiFixture : ApiFixture, IAsyncLifetime
{
    public Guid AgencyClientId { get; private set; }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AgencyClientId = await OwnerSql.CreateClientAsync(Database, "Agency");
    }

    /// <summary>The one mailbox the silo has configured limits for (<see cref="MailboxDailyLimit"/> a day).</summary>
    public const string Mailbox = "mbx-api";

    public const int MailboxDailyLimit = 40;

    protected override void ConfigureSilo(IHostApplicationBuilder silo) =>
        silo.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Outreach:Mailboxes:{Mailbox}:Address"] = "marc@avenir-agence.ca",
            [$"Outreach:Mailboxes:{Mailbox}:Limits:DailyLimit"] = MailboxDailyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Tokens signed with <paramref name="secret"/> (the silo's when null) on a clock of the test's choosing.</summary>
    public TrackingTokens TokensAt(TimeProvider clock, byte[]? secret = null) =>
        new(new TrackingKeyRing(1, new Dictionary<byte, byte[]> { [1] = secret ?? TrackingSecret }), clock, TimeSpan.FromDays(90),
            TimeSpan.FromDays(365));

    public Task<object?> ScalarAsync(string sql, params object?[] parameters) => OwnerSql.ScalarAsync(Database, sql, parameters);

    /// <summary>Adds a prospect row as the prospects' writer would (the test stands in for it).</summary>
    public async Task<Guid> AddProspectAsync(string industry, string? email, string language = "en")
    {
        var id = Guid.NewGuid();
        await ScalarAsync(
            """
            INSERT INTO prospect_candidates (id, business_name, website, contact_email, industry, region, language, automation_need_score, source,
                                             metadata)
            VALUES ($1, $2, $3, $4, $5, 'ON', $6, 70, 'manual', jsonb_build_object('contact_first_name', 'Sophie', 'city', 'Toronto'))
            """,
            id, $"Business {id:N}"[..20], $"https://b{id:N}.example", email, industry, language);
        if (email is not null)
        {
            // The send path refuses a prospect without a CASL basis: recorded through the prospect's grain, its single writer.
            Assert.NotNull(await Grains.GetGrain<IProspectGrain>($"b{id:N}.example").RecordConsentAsync(new ProspectConsentEvidence(
                ProspectConsentKinds.ExpressConsent, email, null, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "email", false,
                "Test fixture: the prospect's reply « yes, send me your offers »", "fixture@avenir.test")));
        }

        return id;
    }

    /// <summary>
    /// A campaign of one prospect (a first email and a follow-up three business days later) whose first email was sent
    /// with one tracked link, <see cref="CaseStudyUrl"/>: generated, approved and activated through the campaign grain,
    /// the send reported to it as the send runner would after the SMTP server accepted it.
    /// </summary>
    public async Task<SentOutreachEmail> SentEmailAsync()
    {
        var industry = $"api-{Guid.NewGuid():N}"[..16];
        var prospect = await AddProspectAsync(industry, $"{Guid.NewGuid():N}@clinic.example");
        var template = Guid.NewGuid();
        var saved = await Grains.GetGrain<IEmailTemplateGrain>(template).SaveAsync(new EmailTemplateDraft(
            $"Intro {template:N}", null, "en", "outreach", "An idea for {{ business_name }}",
            $"<p>Hi {{{{ contact_first_name }}}},</p><p><a href=\"{CaseStudyUrl}\">Our case study</a></p>", "Hi {{ contact_first_name }}",
            [new("business_name"), new("contact_first_name")]));
        Assert.Equal(TemplateSaveOutcome.Saved, saved.Outcome);

        var (campaignId, campaign) = await ApprovedCampaignAsync(industry, template, prospect);
        var first = await EmailIdAsync(campaignId, prospect, 1);
        var ticket = (await campaign.PrepareSendAsync(first)).Ticket;
        Assert.NotNull(ticket);
        await campaign.RecordSendAsync(new OutreachSendReport(first, SendOutcomeKind.Accepted, $"{first:N}@avenir.test", [], [CaseStudyUrl], null,
            null, 250, "2.0.0", "accepted", null));
        return new SentOutreachEmail(campaignId, campaign, prospect, first, await EmailIdAsync(campaignId, prospect, 2));
    }

    /// <summary>
    /// An active campaign to <paramref name="industry"/> (a first email and a follow-up three business days later) whose
    /// sequence to <paramref name="prospect"/> is generated and approved.
    /// </summary>
    public async Task<(Guid Id, ICampaignGrain Grain)> ApprovedCampaignAsync(string industry, Guid template, Guid prospect)
    {
        var campaignId = Guid.NewGuid();
        var campaign = Grains.GetGrain<ICampaignGrain>(campaignId);
        var sender = new CampaignSender($"mbx-{campaignId:N}"[..16], "Marc Tremblay", "marc@avenir-agence.ca", "Avenir Agence",
            "1200 boul. René-Lévesque O.\nMontréal QC  H3B 4W8");
        var created = await campaign.CreateAsync(new CampaignDraft(AgencyClientId, $"Campaign {campaignId:N}",
            new CampaignTarget([industry], [], null, null, null, null),
            new CampaignSettings(sender, template, null, null, null, [3], CampaignWindow.BusinessHours, "America/Toronto", 50, 100)));
        Assert.Equal(CampaignOutcome.Done, created.Outcome);
        await campaign.GenerateEmailsAsync();
        await campaign.ReviewAsync(new EmailReview([await EmailIdAsync(campaignId, prospect, 1)], true, "reviewer@avenir.test", null));
        Assert.Equal(CampaignOutcome.Done, (await campaign.ChangeStatusAsync(CampaignStatuses.Active)).Outcome);
        return (campaignId, campaign);
    }

    public const string CaseStudyUrl = "https://avenir.example/case-study";

    public async Task<Guid> EmailIdAsync(Guid campaignId, Guid prospectId, int step) =>
        (Guid)(await ScalarAsync("SELECT id FROM outreach_emails WHERE campaign_id = $1 AND prospect_id = $2 AND follow_up_sequence = $3",
            campaignId, prospectId, (short)step))!;

    public async Task<string?> EmailStatusAsync(Guid emailId) =>
        (string?)await ScalarAsync("SELECT status FROM outreach_emails WHERE id = $1", emailId);

    public async Task<long> TrackingEventsAsync(Guid emailId, string action) =>
        (long)(await ScalarAsync("SELECT count(*) FROM outreach_tracking WHERE email_id = $1 AND action = $2", emailId, action))!;

    public async Task<long> SuppressionsAsync(Guid prospectId) =>
        (long)(await ScalarAsync("SELECT count(*) FROM outreach_suppressions WHERE prospect_id = $1", prospectId))!;
}

/// <summary>A sent first email (<see cref="EmailId"/>) and its approved follow-up (<see cref="FollowUpId"/>).</summary>
public sealed record SentOutreachEmail(Guid CampaignId, ICampaignGrain Campaign, Guid ProspectId, Guid EmailId, Guid FollowUpId);

[CollectionDefinition(Name)]
public sealed class OutreachApiCollection : ICollectionFixture<OutreachApiFixture>
{
    public const string Name = "outreach API on a cluster on PostgreSQL";
}

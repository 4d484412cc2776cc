using System.Text;
using Avenir.Contracts.Outreach;
using Avenir.Contracts.Prospects;

namespace Avenir.Silo.Seeding;

/// <summary>
/// A development stack's outreach at start (<c>Seed:Outreach:MailboxId</c> set): three prospects at example domains
/// imported by the prospects' own importer, an EN and a FR template, and one campaign to them from the agency's admin
/// account through that mailbox — generated, approved and active, so the <c>bulk_email</c> job sends it within a
/// minute or two to the development mail server. Every step is idempotent (fixed ids, the importer's merge, generation
/// and review skip what exists), so each silo may run it at every start.
/// </summary>
public sealed class OutreachDevelopmentSeed(IGrainFactory grains, TenantDatabase database, ILogger<OutreachDevelopmentSeed> logger)
{
    public static readonly Guid CampaignId = Guid.Parse("0c000000-0000-4000-8000-000000000001");
    public static readonly Guid TemplateEnId = Guid.Parse("0c000000-0000-4000-8000-0000000000e1");
    public static readonly Guid TemplateFrId = Guid.Parse("0c000000-0000-4000-8000-0000000000f1");
    public const string Industry = "avenir-demo";

    /// <summary>Who the seed's consent evidence says recorded it.</summary>
    public const string SeedRecorder = "development seed";

    private static readonly (string Domain, string Address)[] SeededAddresses =
    [
        ("clinique-dentaire.example", "info@clinique-dentaire.example"),
        ("plumbing.example", "hello@plumbing.example"),
        ("law-office.example", "contact@law-office.example"),
    ];

    private const string Prospects =
        """
        business_name,website,industry,email,language
        Clinique Dentaire Exemple,https://clinique-dentaire.example,avenir-demo,info@clinique-dentaire.example,fr
        Example Plumbing,https://plumbing.example,avenir-demo,hello@plumbing.example,en
        Example Law Office,https://law-office.example,avenir-demo,contact@law-office.example,en
        """;

    public async Task SeedAsync(Guid agencyClientId, string mailboxId)
    {
        var report = await grains.GetGrain<IProspectImportGrain>(0).ImportCsvAsync(Encoding.UTF8.GetBytes(Prospects));
        await RecordConsentAsync();
        await SaveTemplateAsync(TemplateEnId, "en", "An idea for {{ business_name }}",
            "<p>Hi {{ contact_first_name | default: 'there' }},</p><p>We help businesses like {{ business_name }} answer every lead "
            + "in minutes. <a href=\"https://avenir.example/case-study\">Our case study</a></p>",
            "Hi {{ contact_first_name | default: 'there' }}, we help businesses like {{ business_name }} answer every lead in minutes.");
        await SaveTemplateAsync(TemplateFrId, "fr", "Une idée pour {{ business_name }}",
            "<p>Bonjour {{ contact_first_name | default: 'à vous' }},</p><p>Nous aidons les entreprises comme {{ business_name }} à répondre "
            + "à chaque demande en quelques minutes. <a href=\"https://avenir.example/etude\">Notre étude</a></p>",
            "Bonjour {{ contact_first_name | default: 'à vous' }}, nous aidons les entreprises comme {{ business_name }} à répondre en quelques minutes.");

        var campaign = grains.GetGrain<ICampaignGrain>(CampaignId);
        if (await campaign.GetAsync() is null)
        {
            var created = await campaign.CreateAsync(new CampaignDraft(agencyClientId, "Demo campaign (development)",
                new CampaignTarget([Industry], [], null, null, null, null),
                new CampaignSettings(
                    new CampaignSender(mailboxId, "Avenir Demo", "outreach@avenir.local", "Avenir AI Solutions",
                        "1200 boul. René-Lévesque O., Montréal QC  H3B 4W8"),
                    TemplateEnId, TemplateFrId, null, null, [3],
                    // Every hour of every day: a development stack started at night still sends at once.
                    new CampaignWindow([.. Enum.GetValues<DayOfWeek>()], TimeOnly.MinValue, new TimeOnly(23, 59)), "America/Toronto")));
            if (created.Outcome is not (CampaignOutcome.Done or CampaignOutcome.AlreadyExists))
            {
                logger.LogWarning("Seed: the demo campaign was refused: {Code} {Message}", created.Code, created.Message);
                return;
            }
        }

        var generation = await campaign.GenerateEmailsAsync();
        var pending = await SeedQueries.PendingFirstEmailsAsync(database, CampaignId);
        if (pending.Count > 0)
        {
            await campaign.ReviewAsync(new EmailReview(pending, true, "development seed", null));
        }

        if ((await campaign.GetAsync())?.Status == CampaignStatuses.Draft)
        {
            await campaign.ChangeStatusAsync(CampaignStatuses.Active);
        }

        logger.LogInformation("Seed: demo campaign {CampaignId} active ({Imported} prospects imported, {Created} emails generated, {Approved} approved)",
            CampaignId, report.Imported, generation.Created, pending.Count);
    }

    /// <summary>
    /// The send path refuses a prospect without a CASL basis, so the seed records one for each of its fictitious
    /// prospects — honestly labelled as a development example, never a real person's consent.
    /// </summary>
    private async Task RecordConsentAsync()
    {
        foreach (var (domain, address) in SeededAddresses)
        {
            if (await SeedQueries.HasConsentAsync(database, address))
            {
                continue;
            }

            var recorded = await grains.GetGrain<IProspectGrain>(domain).RecordConsentAsync(new ProspectConsentEvidence(
                ProspectConsentKinds.ExpressConsent, address, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "written", false,
                "Development example: a fictitious prospect at a reserved .example domain; no real person consented.", SeedRecorder));
            if (recorded is null)
            {
                logger.LogWarning("Seed: no prospect {Domain} to record the development consent of", domain);
            }
        }
    }

    private async Task SaveTemplateAsync(Guid id, string language, string subject, string html, string text)
    {
        var saved = await grains.GetGrain<IEmailTemplateGrain>(id).SaveAsync(new EmailTemplateDraft(
            $"Demo intro ({language})", "Development seed", language, "outreach", subject, html, text,
            [new("business_name"), new("contact_first_name", Required: false)]));
        if (saved.Outcome != TemplateSaveOutcome.Saved)
        {
            logger.LogWarning("Seed: demo template {Language} refused: {Problems}", language, string.Join("; ", saved.Problems.Select(p => p.Message)));
        }
    }
}

using Avenir.Contracts.Outreach;
using Avenir.Contracts.Prospects;
using Avenir.Infrastructure.Database;

namespace Avenir.Silo.Tests.Outreach.Campaigns;

/// <summary>
/// Arranges outreach rows as their writers would (prospects, consent, templates, campaigns) on a cluster and its database:
/// shared by the one-silo <see cref="CampaignFixture"/> and the tests that start silos of their own.
/// </summary>
public abstract class CampaignArrangement
{
    public abstract DatabaseSettings Database { get; }

    public abstract IGrainFactory Grains { get; }

    /// <summary>The internal client (the agency) campaigns belong to.</summary>
    public abstract Guid AgencyClientId { get; }

    /// <summary>The cluster's current time (consent evidence is dated from it).</summary>
    protected abstract DateTimeOffset Now { get; }

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
            await RecordConsentAsync(id, new ProspectConsentEvidence(ProspectConsentKinds.ExpressConsent, email, null, Now.AddDays(-30),
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

    /// <summary>A unique name for a test's industry or mailbox.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

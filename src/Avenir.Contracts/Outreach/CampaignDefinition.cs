namespace Avenir.Contracts.Outreach;

/// <summary>
/// Which prospects a campaign targets (<c>outreach_campaigns.target_criteria</c>, as data): every non-empty criterion must
/// hold. Industries and regions compare case-insensitively; the score is <c>automation_need_score</c> (45–95).
/// </summary>
/// <param name="Tested">True: only prospects whose form was tested (<c>last_tested</c> set); false: only untested; null: either.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignTarget")]
public sealed record class CampaignTarget(
    [property: Id(0)] IReadOnlyList<string> Industries,
    [property: Id(1)] IReadOnlyList<string> Regions,
    [property: Id(2)] string? Language,
    [property: Id(3)] int? MinScore,
    [property: Id(4)] int? MaxScore,
    [property: Id(5)] bool? Tested)
{
    public static CampaignTarget Everyone { get; } = new([], [], null, null, null, null);
}

/// <summary>The recipient-local days and hours a campaign sends in (the limiter's <c>SendWindow</c>).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignWindow")]
public sealed record class CampaignWindow(
    [property: Id(0)] IReadOnlyList<DayOfWeek> Days,
    [property: Id(1)] TimeOnly Start,
    [property: Id(2)] TimeOnly End)
{
    public static CampaignWindow BusinessHours { get; } =
        new([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new(9, 0), new(17, 0));
}

/// <summary>Who sends a campaign (CASL: identity and postal address in every message) and through which mailbox.</summary>
/// <param name="MailboxId">A configured <c>Outreach:Mailboxes:{id}</c>; its grain enforces the mailbox's limits.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignSender")]
public sealed record class CampaignSender(
    [property: Id(0)] string MailboxId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Address,
    [property: Id(3)] string Company,
    [property: Id(4)] string PostalAddress,
    [property: Id(5)] string? Title = null,
    [property: Id(6)] string? Phone = null,
    [property: Id(7)] string? BookingLink = null);

/// <summary>
/// A campaign's settings (<c>outreach_campaigns.metadata</c>, <c>email_template_id</c> and <c>follow_up_schedule</c>).
/// </summary>
/// <param name="TemplateEn">The English first-email template (<c>email_templates</c>), for prospects in English.</param>
/// <param name="TemplateFr">The French one, for prospects in French.</param>
/// <param name="FollowUpTemplateEn">The follow-ups' template in English; null: follow-ups repeat the first template.</param>
/// <param name="FollowUpBusinessDays">Follow-up i is sent this many business days (window days) after the send before it.</param>
/// <param name="DefaultTimeZone">IANA zone for prospects whose province is unknown.</param>
/// <param name="BounceRatePauseThreshold">Percent of sends bounced (0–100) at which the campaign pauses itself.</param>
/// <param name="BounceRateMinimumSends">Sends before the bounce rate is judged (a first bounce is not 100 %).</param>
/// <param name="StopWholeDomainOnReply">A real reply also stops the follow-ups to other prospects of the same domain.</param>
/// <param name="AbTemplateEn">Template B of an A/B test in English (null: no test in English).</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignSettings")]
public sealed record class CampaignSettings(
    [property: Id(0)] CampaignSender Sender,
    [property: Id(1)] Guid? TemplateEn,
    [property: Id(2)] Guid? TemplateFr,
    [property: Id(3)] Guid? FollowUpTemplateEn,
    [property: Id(4)] Guid? FollowUpTemplateFr,
    [property: Id(5)] IReadOnlyList<int> FollowUpBusinessDays,
    [property: Id(6)] CampaignWindow Window,
    [property: Id(7)] string DefaultTimeZone,
    [property: Id(8)] double BounceRatePauseThreshold = 5,
    [property: Id(9)] int BounceRateMinimumSends = 20,
    [property: Id(10)] bool StopWholeDomainOnReply = false,
    [property: Id(11)] Guid? AbTemplateEn = null,
    [property: Id(12)] Guid? AbTemplateFr = null,
    [property: Id(13)] CampaignAbSettings? AbTest = null);

/// <summary>
/// How a campaign's A/B test of templates is decided (the existing two-proportion z-test; opens never decide).
/// </summary>
/// <param name="DecidingMetric"><c>reply</c> or <c>click</c>.</param>
/// <param name="TestShare">Share of the campaign's prospects (0–1) in the test; the rest wait for the winner.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignAbSettings")]
public sealed record class CampaignAbSettings(
    [property: Id(0)] string DecidingMetric,
    [property: Id(1)] double Significance,
    [property: Id(2)] int MinimumSamplePerArm,
    [property: Id(3)] double TestShare);

/// <summary>A new campaign: owned by a client account (usually the agency's internal one), created as a draft.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignDraft")]
public sealed record class CampaignDraft(
    [property: Id(0)] Guid ClientId,
    [property: Id(1)] string Name,
    [property: Id(2)] CampaignTarget Target,
    [property: Id(3)] CampaignSettings Settings);

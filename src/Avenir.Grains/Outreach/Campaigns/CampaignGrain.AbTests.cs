using System.Text.Json;
using Avenir.Grains.Outreach.Experiments;

namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// The in-campaign A/B test of first-email templates (docs/decisions/0013): for each language with a template B, a share of
/// its prospects is split evenly between the arms at generation and the rest is held back; at each send pass the
/// deciding rate (reply or click, never opens) is tested with the prompt experiments' two-proportion z-test, and once
/// significant the winner is recorded and the held prospects are generated with its template, for review like any email.
/// </summary>
public sealed partial class CampaignGrain
{
    private static readonly string[] Languages = ["en", "fr"];

    // The recorded winners by language (outreach_campaigns.ab_winners), loaded with the campaign.
    private Dictionary<string, string> abWinners = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CampaignAbTestStatus>> GetAbTestsAsync()
    {
        if (campaign is null || settings is null)
        {
            return [];
        }

        var statuses = new List<CampaignAbTestStatus>();
        foreach (var language in Languages)
        {
            if (await AbTestStatusAsync(language) is { } status)
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>Template B of a language's test, when the campaign tests that language.</summary>
    private Guid? AbTemplateB(string language) =>
        settings?.AbTest is null ? null : language == "fr" ? settings.AbTemplateFr : settings.AbTemplateEn;

    /// <summary>A language's first-email template (the other language's when it has none); template A of its A/B test.</summary>
    private Guid? FirstTemplate(string language) =>
        language == "fr" ? settings!.TemplateFr ?? settings.TemplateEn : settings!.TemplateEn ?? settings.TemplateFr;

    private void LoadAbWinners(string json) =>
        abWinners = JsonSerializer.Deserialize<Dictionary<string, string>>(json, Sql.Json) is { } winners
            ? new(winners, StringComparer.Ordinal)
            : new(StringComparer.Ordinal);

    /// <summary>
    /// Decides every undecided test; when one gets a winner it is recorded (once) and generation runs again for the
    /// prospects that were held back. Called by the send pass, so a campaign moves on without anyone watching it.
    /// </summary>
    private async Task DecideAbTestsAsync()
    {
        var decided = false;
        foreach (var language in Languages.Where(l => AbTemplateB(l) is not null && !abWinners.ContainsKey(l)))
        {
            if (await AbTestStatusAsync(language) is not { Winner: { } winner } status)
            {
                continue;
            }

            await using var transaction = await database.BeginForSystemAsync();
            if (await CampaignAbTestRows.SaveWinnerAsync(transaction, CampaignId, language, winner, time.GetUtcNow()))
            {
                await transaction.CommitAsync();
                logger.LogInformation("Campaign {CampaignId}: arm {Arm} wins the {Language} A/B test ({Reason})", CampaignId, winner, language,
                    status.Reason);
            }

            abWinners[language] = winner;
            decided = true;
        }

        if (decided)
        {
            await GenerateEmailsAsync();
        }
    }

    private async Task<CampaignAbTestStatus?> AbTestStatusAsync(string language)
    {
        if (AbTemplateB(language) is not { } templateB || FirstTemplate(language) is not { } templateA || settings!.AbTest is not { } test)
        {
            return null;
        }

        IReadOnlyList<AbArmRow> arms;
        await using (var transaction = await database.BeginForSystemAsync())
        {
            arms = await CampaignAbTestRows.ArmsAsync(transaction, campaign!.ClientId, CampaignId, language);
        }

        var a = Counts(arms, "a");
        var b = Counts(arms, "b");
        var metric = test.DecidingMetric == "click" ? OutreachAbMetric.ClickRate : OutreachAbMetric.ReplyRate;
        var decision = OutreachAbTest.Decide(a, b, new OutreachAbSettings(metric, test.Significance, test.MinimumSamplePerArm));
        var deciding = metric == OutreachAbMetric.ClickRate ? decision.Click : decision.Reply;
        abWinners.TryGetValue(language, out var recorded);
        var (outcome, reason) = recorded is not null
            ? ("winner", $"{recorded} won; " + decision.Reason)
            : (decision.Outcome switch
            {
                OutreachAbOutcome.Winner => "winner",
                OutreachAbOutcome.NoSignificantDifference => "no_significant_difference",
                _ => "insufficient_sample",
            }, decision.Reason);
        return new CampaignAbTestStatus(language, templateA, templateB, test.DecidingMetric, a.Delivered, b.Delivered, a.Clicked, b.Clicked,
            a.Replied, b.Replied, decision.OpenRateA, decision.OpenRateB, deciding?.PValue, outcome, recorded ?? decision.Winner, reason);
    }

    private static OutreachArmCounts Counts(IReadOnlyList<AbArmRow> arms, string arm) =>
        arms.FirstOrDefault(r => r.Arm == arm) is { } row
            ? new OutreachArmCounts(arm, row.Delivered, row.Opened, row.Clicked, row.Replied)
            : new OutreachArmCounts(arm, 0, 0, 0, 0);

    /// <summary>
    /// Whether the <paramref name="index"/>-th prospect of a language met by this generation pass joins the test: spread
    /// evenly (the n-th joins when ⌈(n+1)·share⌉ passes ⌈n·share⌉), so a share of 0.5 takes every other prospect, the
    /// first (best scored) included.
    /// </summary>
    private static bool JoinsAbTest(int index, double share) =>
        Math.Ceiling((index + 1) * Math.Clamp(share, 0, 1)) > Math.Ceiling(index * Math.Clamp(share, 0, 1));
}

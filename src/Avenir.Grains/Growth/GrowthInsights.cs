namespace Avenir.Grains.Growth;

/// <summary>
/// The insights written by rules over the figures, in English and French (same rules, same order). French
/// follows its typography: a narrow no-break space before <c>%</c>, <c>;</c>, <c>?</c> and <c>!</c>, a
/// no-break space before <c>:</c>, a decimal comma and « guillemets ».
/// </summary>
public static class GrowthInsights
{
    public const string RulesSource = "rules";
    public const string LlmSource = "llm";

    private const char Narrow = '\u202F';
    private const char NoBreak = '\u00A0';

    public static GrowthInsightTexts Write(GrowthBrainReport report, GrowthAccumulator accumulator)
    {
        var en = new List<string>();
        var fr = new List<string>();
        if (report.TotalLeads == 0)
        {
            en.Add("No leads yet: insights appear here as soon as your form receives leads.");
            fr.Add($"Aucun prospect pour l’instant{NoBreak}: les analyses apparaîtront ici dès que votre formulaire en recevra.");
            return new GrowthInsightTexts(en, fr);
        }

        Urgency(report, en, fr);
        TopIntent(report, en, fr);
        Frustration(report, en, fr);
        Languages(report, en, fr);
        Confidence(report, en, fr);
        Engagement(report, accumulator, en, fr);
        return new GrowthInsightTexts(en, fr);
    }

    /// <summary>"Urgent leads up 40% this week; 3 high-urgency leads still open".</summary>
    private static void Urgency(GrowthBrainReport report, List<string> en, List<string> fr)
    {
        var thisWeek = report.Weeks[^1].HighUrgency;
        string? trendEn = null, trendFr = null;
        if (report.UrgencyTrendPercentage is { } trend)
        {
            (trendEn, trendFr) = trend switch
            {
                > 0 => ($"Urgent leads up {En(trend)}% this week", $"Prospects urgents en hausse de {Fr(trend)}{Narrow}% cette semaine"),
                < 0 => ($"Urgent leads down {En(-trend)}% this week", $"Prospects urgents en baisse de {Fr(-trend)}{Narrow}% cette semaine"),
                _ => ("Urgent leads steady this week", "Prospects urgents stables cette semaine"),
            };
        }
        else if (thisWeek > 0)
        {
            (trendEn, trendFr) = thisWeek == 1
                ? ("1 urgent lead this week, none last week", "1 prospect urgent cette semaine, aucun la semaine dernière")
                : ($"{thisWeek} urgent leads this week, none last week", $"{thisWeek} prospects urgents cette semaine, aucun la semaine dernière");
        }

        string? openEn = null, openFr = null;
        if (report.OpenHighUrgency > 0)
        {
            var open = report.OpenHighUrgency;
            (openEn, openFr) = open == 1
                ? ("1 high-urgency lead still open", "1 prospect à urgence élevée toujours ouvert")
                : ($"{open} high-urgency leads still open", $"{open} prospects à urgence élevée toujours ouverts");
        }

        if (trendEn is not null && openEn is not null)
        {
            en.Add($"{trendEn}; {openEn}.");
            fr.Add($"{trendFr}{Narrow}; {openFr}.");
        }
        else if ((trendEn ?? openEn) is { } onlyEn)
        {
            en.Add($"{onlyEn}.");
            fr.Add($"{trendFr ?? openFr}.");
        }
    }

    private static void TopIntent(GrowthBrainReport report, List<string> en, List<string> fr)
    {
        if (report.TopIntents is not [var top, ..])
        {
            return;
        }

        var (nameEn, nameFr) = LeadLabels.Intents.TryGetValue(top.Intent, out var names) ? names : (top.Intent, top.Intent);
        var percent = Math.Round(top.Share * 100, 1, MidpointRounding.AwayFromZero);
        en.Add($"Most common request: {nameEn} ({En(percent)}% of analysed leads).");
        fr.Add($"Demande la plus fréquente{NoBreak}: «{NoBreak}{nameFr}{NoBreak}» ({Fr(percent)}{Narrow}% des prospects analysés).");
    }

    private static void Frustration(GrowthBrainReport report, List<string> en, List<string> fr)
    {
        if (report.Tones.FirstOrDefault(tone => tone.Tone == "Frustrated") is { Share: >= 0.2m } frustrated)
        {
            var percent = Math.Round(frustrated.Share * 100, 1, MidpointRounding.AwayFromZero);
            en.Add($"{En(percent)}% of leads sound frustrated: answer them first.");
            fr.Add($"{Fr(percent)}{Narrow}% des prospects semblent frustrés{NoBreak}: répondez-leur en priorité.");
        }
    }

    private static void Languages(GrowthBrainReport report, List<string> en, List<string> fr)
    {
        var ratio = report.LanguageRatio;
        if (ratio.En + ratio.Fr == 0)
        {
            return;
        }

        en.Add($"Leads by language: {En(ratio.En)}% English, {En(ratio.Fr)}% French.");
        fr.Add($"Prospects par langue{NoBreak}: {Fr(ratio.En)}{Narrow}% en anglais, {Fr(ratio.Fr)}{Narrow}% en français.");
    }

    private static void Confidence(GrowthBrainReport report, List<string> en, List<string> fr)
    {
        if (report.AverageConfidence is { } confidence && confidence < 0.6m)
        {
            en.Add($"Average AI confidence is {En(confidence)}: check the labels of recent leads and correct the wrong ones.");
            fr.Add($"La confiance moyenne de l’IA est de {Fr(confidence)}{NoBreak}: vérifiez les étiquettes des prospects récents "
                + "et corrigez celles qui sont fausses.");
        }
    }

    private static void Engagement(GrowthBrainReport report, GrowthAccumulator accumulator, List<string> en, List<string> fr)
    {
        var handled = Math.Round(100m * Math.Clamp((decimal)accumulator.Handled / accumulator.Leads, 0, 1), 1, MidpointRounding.AwayFromZero);
        if (handled < 50)
        {
            en.Add($"Only {En(handled)}% of leads were handled (tagged, archived or converted); engagement score {En(report.EngagementScore)}/100.");
            fr.Add($"Seulement {Fr(handled)}{Narrow}% des prospects ont été traités (étiquetés, archivés ou convertis){Narrow}; "
                + $"score d’engagement {Fr(report.EngagementScore)}/100.");
        }
        else
        {
            en.Add($"{En(handled)}% of leads were handled; engagement score {En(report.EngagementScore)}/100.");
            fr.Add($"{Fr(handled)}{Narrow}% des prospects ont été traités{Narrow}; score d’engagement {Fr(report.EngagementScore)}/100.");
        }
    }

    private static string En(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Fr(decimal value) => En(value).Replace('.', ',');
}

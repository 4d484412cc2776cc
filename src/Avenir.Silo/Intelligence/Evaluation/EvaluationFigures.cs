namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>The per-language lines of the evaluation report: figures, their 95 % intervals, and the languages detected.</summary>
internal static class EvaluationFigures
{
    private static readonly (string Name, Func<LabelledLead, string?> Gold, Func<LeadEnrichmentResult, string> Predicted, bool Macro)[] Fields =
    [
        ("intent macro-F1", lead => lead.Intent, result => result.Intent, true),
        ("urgency acc", lead => lead.Urgency, result => result.Urgency, false),
        ("tone acc", lead => lead.Tone, result => result.Tone, false),
        ("language acc", lead => lead.Language, result => result.Language, false),
    ];

    /// <summary>Adds the figures of the leads <paramref name="include"/> selects (keys end with <paramref name="suffix"/>) and prints their line.</summary>
    public static void Add(
        Dictionary<string, double> figures,
        TextWriter text,
        IReadOnlyList<LabelledLead> leads,
        IReadOnlyList<LeadEnrichmentResult> results,
        string suffix,
        Func<LabelledLead, bool> include)
    {
        var indices = Enumerable.Range(0, leads.Count).Where(i => include(leads[i])).ToList();
        double Score(Func<LabelledLead, string?> gold, Func<LeadEnrichmentResult, string> predicted, bool macro) =>
            Metric(leads, results, indices, gold, predicted, macro);

        figures["intent_macro_f1" + suffix] = Score(lead => lead.Intent, result => result.Intent, macro: true);
        figures["intent_accuracy" + suffix] = Score(lead => lead.Intent, result => result.Intent, macro: false);
        figures["urgency_accuracy" + suffix] = Score(lead => lead.Urgency, result => result.Urgency, macro: false);
        figures["tone_accuracy" + suffix] = Score(lead => lead.Tone, result => result.Tone, macro: false);
        figures["language_accuracy" + suffix] = Score(lead => lead.Language, result => result.Language, macro: false);
        if (suffix.Length > 0)
        {
            figures["n" + suffix] = indices.Count;
        }

        var name = suffix.Length == 0 ? "all" : suffix[1..];
        text.WriteLine(
            FormattableString.Invariant($"[{name}] n={indices.Count} intent macro-F1={figures["intent_macro_f1" + suffix]:0.000} ")
            + FormattableString.Invariant($"intent acc={figures["intent_accuracy" + suffix]:0.000} urgency acc={figures["urgency_accuracy" + suffix]:0.000} ")
            + FormattableString.Invariant($"tone acc={figures["tone_accuracy" + suffix]:0.000} language acc={figures["language_accuracy" + suffix]:0.000}"));
    }

    /// <summary>One line per language with each headline figure's 95 % bootstrap interval over leads.</summary>
    public static void WriteIntervals(TextWriter text, IReadOnlyList<LabelledLead> leads, IReadOnlyList<LeadEnrichmentResult> results)
    {
        text.WriteLine("95% bootstrap intervals (1,000 resamples of the leads):");
        foreach (var (name, include) in new (string, Func<LabelledLead, bool>)[]
                 {
                     ("all", _ => true), ("en", lead => lead.Language == "en"), ("fr", lead => lead.Language == "fr"),
                 })
        {
            var indices = Enumerable.Range(0, leads.Count).Where(i => include(leads[i])).ToList();
            var parts = Fields.Select(field =>
            {
                var estimate = BootstrapInterval.Of(indices, sample => Metric(leads, results, sample, field.Gold, field.Predicted, field.Macro));
                return double.IsNaN(estimate.Value) ? $"{field.Name} -" : $"{field.Name} {estimate}";
            });
            text.WriteLine($"  [{name}] " + string.Join("; ", parts));
        }
    }

    /// <summary>How many leads were detected in another language, and (LLM) how many the fallback engine answered.</summary>
    public static void WriteLanguages(TextWriter text, IReadOnlyList<LeadEnrichmentResult> results, ILeadEnrichmentEngine engine)
    {
        var others = results.Where(result => result.IsOtherLanguage).GroupBy(result => result.DetectedLanguage)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Count()}"))
            .ToList();
        text.WriteLine(
            $"other languages detected: {(others.Count == 0 ? "none" : string.Join(", ", others))}; "
            + $"mixed en/fr: {results.Count(result => result.IsMixedLanguage)}");
        if (engine is Llm.LlmEnrichmentEngine)
        {
            // An LLM answer is named "provider:model" (the model as the provider reports it); anything else came from the fallback.
            var provider = engine.ModelName[..(engine.ModelName.IndexOf(':', StringComparison.Ordinal) + 1)];
            var fallbacks = results.Count(result => provider.Length == 0 || !result.Model.StartsWith(provider, StringComparison.Ordinal));
            text.WriteLine($"answered by the local fallback: {fallbacks} of {results.Count}");
        }
    }

    private static double Metric(
        IReadOnlyList<LabelledLead> leads,
        IReadOnlyList<LeadEnrichmentResult> results,
        IReadOnlyList<int> indices,
        Func<LabelledLead, string?> gold,
        Func<LeadEnrichmentResult, string> predicted,
        bool macro)
    {
        var pairs = indices.Where(i => gold(leads[i]) is not null).ToList();
        var goldLabels = pairs.Select(i => gold(leads[i])!).ToList();
        var predictedLabels = pairs.Select(i => predicted(results[i])).ToList();
        return macro ? ClassificationScores.MacroF1(goldLabels, predictedLabels) : ClassificationScores.Accuracy(goldLabels, predictedLabels);
    }
}

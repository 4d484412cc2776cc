using Avenir.Silo.Intelligence.Evaluation;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// The headline figures of one or more cross-validation passes, per language, each with a 95 %
/// bootstrap interval over leads (a pass's figure is computed on the resampled leads and the passes
/// are averaged), and paired comparisons of two settings on the same folds.
/// </summary>
internal static class ValidationFigures
{
    public static readonly string[] Metrics = ["intent_macro_f1", "intent_accuracy", "urgency_accuracy", "tone_accuracy", "language_accuracy"];

    public static readonly (string Suffix, string Name, Func<TrainingExample, bool> Include)[] Subsets =
    [
        (string.Empty, "all", _ => true), ("_en", "en", e => !e.IsFrench), ("_fr", "fr", e => e.IsFrench),
    ];

    /// <summary>The metric averaged over passes, computed on <paramref name="leads"/> (indices into the validated list, repeats allowed).</summary>
    public static double Metric(IReadOnlyList<OutOfSamplePredictions> passes, string metric, IReadOnlyList<int> leads)
    {
        var examples = passes[0].Examples;
        double total = 0;
        foreach (var pass in passes)
        {
            total += metric switch
            {
                "intent_macro_f1" => ClassificationScores.MacroF1(
                    leads.Select(i => examples[i].Intent).ToList(), leads.Select(pass.PredictedIntent).ToList(), EnrichmentLabels.Intents.Count),
                "intent_accuracy" => Share(leads, i => pass.PredictedIntent(i) == examples[i].Intent),
                "urgency_accuracy" => Share(leads, i => pass.PredictedUrgency(i) == examples[i].Urgency),
                "tone_accuracy" => Share(leads, i => pass.PredictedTone(i) == examples[i].Tone),
                "language_accuracy" => Share(leads, i => examples[i].DetectedLanguage == examples[i].Lead.Language),
                _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
            };
        }

        return total / passes.Count;
    }

    /// <summary>Every metric × language with its interval, keyed like <c>intent_macro_f1_fr</c>.</summary>
    public static Dictionary<string, Estimate> Estimates(IReadOnlyList<OutOfSamplePredictions> passes)
    {
        var estimates = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        foreach (var (suffix, _, include) in Subsets)
        {
            var leads = Leads(passes[0], include);
            foreach (var metric in Metrics)
            {
                estimates[metric + suffix] = BootstrapInterval.Of(leads, sample => Metric(passes, metric, sample));
            }

            estimates["n" + suffix] = new Estimate(leads.Count, leads.Count, leads.Count);
        }

        return estimates;
    }

    /// <summary>Candidate minus baseline on the same leads and folds, with a paired bootstrap interval, and per-fold wins.</summary>
    public static (Estimate Difference, int Wins, int Losses) Compare(
        IReadOnlyList<OutOfSamplePredictions> baseline, IReadOnlyList<OutOfSamplePredictions> candidate, string metric, Func<TrainingExample, bool> include)
    {
        var leads = Leads(baseline[0], include);
        var difference = BootstrapInterval.Of(leads, sample => Metric(candidate, metric, sample) - Metric(baseline, metric, sample));
        var wins = 0;
        var losses = 0;
        for (var r = 0; r < Math.Min(baseline.Count, candidate.Count); r++)
        {
            foreach (var fold in baseline[r].Fold.Distinct())
            {
                var inFold = leads.Where(i => baseline[r].Fold[i] == fold).ToList();
                var delta = Metric([candidate[r]], metric, inFold) - Metric([baseline[r]], metric, inFold);
                wins += delta > 1e-9 ? 1 : 0;
                losses += delta < -1e-9 ? 1 : 0;
            }
        }

        return (difference, wins, losses);
    }

    /// <summary>A table: one row per metric, one column per language, each "value [low, high]".</summary>
    public static string Table(Dictionary<string, Estimate> estimates)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{"",-18}");
        foreach (var (suffix, name, _) in Subsets)
        {
            builder.Append(
                CultureInfo.InvariantCulture,
                $"{name + " (n " + estimates["n" + suffix].Value.ToString("0", CultureInfo.InvariantCulture) + ")",-26}");
        }

        builder.AppendLine();
        foreach (var metric in Metrics)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{metric,-18}");
            foreach (var (suffix, _, _) in Subsets)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{estimates[metric + suffix],-26}");
            }

            builder.AppendLine();
        }

        return builder.ToString();
    }

    /// <summary>The estimates as flat figures for the model header: <c>{prefix}{key}</c>, <c>…_low</c>, <c>…_high</c>.</summary>
    public static void AddTo(Dictionary<string, double> figures, string prefix, Dictionary<string, Estimate> estimates)
    {
        foreach (var (key, estimate) in estimates)
        {
            figures[prefix + key] = estimate.Value;
            if (!key.StartsWith('n'))
            {
                figures[prefix + key + "_low"] = estimate.Low;
                figures[prefix + key + "_high"] = estimate.High;
            }
        }
    }

    public static List<int> Leads(OutOfSamplePredictions pass, Func<TrainingExample, bool> include) =>
        Enumerable.Range(0, pass.Examples.Count).Where(i => include(pass.Examples[i])).ToList();

    private static double Share(IReadOnlyList<int> leads, Func<int, bool> correct) =>
        leads.Count == 0 ? double.NaN : leads.Count(correct) / (double)leads.Count;
}

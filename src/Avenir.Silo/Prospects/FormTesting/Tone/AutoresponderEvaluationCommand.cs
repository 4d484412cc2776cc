using Avenir.Grains.Prospects;
using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Training;

namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>
/// <c>evaluate-autoresponders &lt;file.jsonl&gt; [--cross-validate] [--folds N]</c>: classifies every email of the file
/// and scores the predictions against its <c>tone</c> labels. Emails of the file are never in the training set of the
/// model that classifies them: for a new file the model trains on the shipped set minus any email of the file; for
/// the shipped set itself (or with <c>--cross-validate</c>) the figures are k-fold cross-validated. Prints a confusion
/// table, per-class precision, recall (the class's accuracy) and F1, per-language accuracy, and last one JSON line
/// with <c>accuracy</c>, <c>macro_f1</c> and <c>n</c>.
/// </summary>
public static class AutoresponderEvaluationCommand
{
    private const int DefaultFolds = 5;
    private const int Seed = 20261125;

    /// <summary>Runs the command; 0 on success, 2 on bad arguments or input.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var arguments = args.SkipWhile(a => a == "evaluate-autoresponders").ToList();
        var crossValidate = arguments.Remove("--cross-validate");
        var folds = DefaultFolds;
        var foldsAt = arguments.IndexOf("--folds");
        if (foldsAt >= 0
            && foldsAt + 1 < arguments.Count
            && int.TryParse(arguments[foldsAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 2)
        {
            folds = n;
            arguments.RemoveRange(foldsAt, 2);
        }

        if (arguments.Count != 1 || !File.Exists(arguments[0]))
        {
            await output.WriteLineAsync("usage: evaluate-autoresponders <emails.jsonl> [--cross-validate] [--folds N]");
            return 2;
        }

        IReadOnlyList<AutoresponderEmail> emails;
        try
        {
            using var reader = new StreamReader(arguments[0]);
            emails = AutoresponderEmail.ReadJsonLines(reader, arguments[0]);
        }
        catch (InvalidDataException exception)
        {
            await output.WriteLineAsync(exception.Message);
            return 2;
        }

        using var encoder = new MiniLmSentenceEmbedder();
        var report = Evaluate(emails, AutoresponderToneClassifier.LabelledSet(), new CachingSentenceEmbedder(encoder, null), crossValidate, folds);
        await output.WriteAsync(report.Text);
        await output.WriteLineAsync(report.Json);
        return 0;
    }

    /// <summary>The printed report and its JSON line.</summary>
    internal sealed record Report(string Text, string Json, IReadOnlyDictionary<string, double> Figures, IReadOnlyList<string> Predicted);

    internal static Report Evaluate(
        IReadOnlyList<AutoresponderEmail> emails, IReadOnlyList<AutoresponderEmail> shipped, ISentenceEmbedder embedder, bool crossValidate,
        int folds = DefaultFolds)
    {
        var inFile = emails.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var pool = shipped.Where(e => !inFile.Contains(e.Fingerprint)).ToList();
        var overlap = shipped.Count(e => inFile.Contains(e.Fingerprint));
        // Mostly the shipped set itself: only cross-validation can say how well it generalises.
        var useCrossValidation = crossValidate || overlap * 2 >= emails.Count;
        string[] predicted;
        string mode;
        if (useCrossValidation)
        {
            predicted = ToneCrossValidation.Predict(emails, pool, embedder, folds, Seed);
            mode = $"{folds}-fold cross-validation over the file (plus {pool.Count} shipped emails not in it in every training fold)";
        }
        else
        {
            var classifier = new AutoresponderToneClassifier(() => embedder, pool);
            predicted = emails.Select(e => classifier.Classify(e).Tone).ToArray();
            mode = $"trained on the {pool.Count} shipped emails not in the file ({overlap} left out)";
        }

        var scored = Enumerable.Range(0, emails.Count).Where(i => emails[i].Tone is not null).ToList();
        var gold = scored.Select(i => emails[i].Tone!).ToList();
        var guess = scored.Select(i => predicted[i]).ToList();
        var labels = AutoresponderTones.All.Concat(gold).Distinct(StringComparer.Ordinal).ToList();
        var figures = new Dictionary<string, double>
        {
            ["accuracy"] = ClassificationScores.Accuracy(gold, guess),
            ["macro_f1"] = ClassificationScores.MacroF1(gold, guess),
            ["n"] = gold.Count,
        };
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"autoresponder tone: {mode}");
        text.WriteLine($"emails: {emails.Count} ({gold.Count} labelled)");
        text.WriteLine();
        text.WriteLine("confusion (rows gold, columns predicted):");
        text.WriteLine(ClassificationScores.ConfusionTable(gold, guess, labels));
        text.WriteLine("class          n  precision  recall(acc)     F1");
        foreach (var label in labels)
        {
            var support = gold.Count(g => g == label);
            var predictedCount = guess.Count(p => p == label);
            var hits = gold.Zip(guess).Count(pair => pair.First == label && pair.Second == label);
            var precision = predictedCount == 0 ? 0 : hits / (double)predictedCount;
            var recall = support == 0 ? 0 : hits / (double)support;
            var f1 = ClassificationScores.F1(gold, guess, label);
            figures["recall_" + label] = recall;
            figures["f1_" + label] = f1;
            text.WriteLine(FormattableString.Invariant($"{label,-12} {support,3}  {precision,9:0.000}  {recall,11:0.000}  {f1,5:0.000}"));
        }

        foreach (var language in (string[])["en", "fr"])
        {
            var indices = Enumerable.Range(0, gold.Count).Where(i => emails[scored[i]].Submitted?.Language == language).ToList();
            if (indices.Count > 0)
            {
                figures["accuracy_" + language] = indices.Count(i => gold[i] == guess[i]) / (double)indices.Count;
                figures["n_" + language] = indices.Count;
                text.WriteLine(FormattableString.Invariant($"[{language}] n={indices.Count} accuracy={figures["accuracy_" + language]:0.000}"));
            }
        }

        var json = JsonSerializer.Serialize(figures.ToDictionary(p => p.Key, p => double.IsNaN(p.Value) ? 0 : Math.Round(p.Value, 4)));
        return new Report(text.ToString(), json, figures, predicted);
    }
}

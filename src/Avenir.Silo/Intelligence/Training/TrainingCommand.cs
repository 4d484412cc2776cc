using System.Diagnostics;
using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// <c>train [--data data/training] [--dev leads-dev.jsonl] [--out src/Avenir.Silo/Intelligence/Model/enrichment-model.bin]
/// [--seed 13] [--folds 5] [--repeats 3] [--embedding-cache file] [--tune [--only A,B]]</c>
/// <para>
/// Reproducible training of the local enrichment model. Every *.jsonl file in the data folder is
/// read; the dev file (annotated real leads) is the only one validated on, the others (authored
/// examples) are always in training and never scored. It reports repeated stratified k-fold
/// cross-validation over the dev leads per language with 95 % bootstrap intervals, fits the
/// calibration temperatures on those out-of-fold predictions, then trains the shipped model on
/// everything and writes it. <c>--tune</c> instead compares candidate settings on the same folds
/// (paired differences against the first candidate, and per-fold wins).
/// </para>
/// </summary>
public static class TrainingCommand
{
    /// <summary>The settings the shipped model is trained with (chosen with --tune; see docs/decisions/0003).</summary>
    internal static TrainingOptions ChosenOptions => TuningCandidates.Chosen;

    /// <summary>Runs training; returns 0 on success, 2 on bad arguments or data.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var arguments = args.SkipWhile(arg => arg == "train").ToList();
        string Option(string name, string fallback)
        {
            var index = arguments.IndexOf(name);
            return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : fallback;
        }

        var dataFolder = Option("--data", Path.Combine("data", "training"));
        var devFile = Option("--dev", "leads-dev.jsonl");
        var outPath = Option("--out", Path.Combine("src", "Avenir.Silo", "Intelligence", "Model", EnrichmentModelFile.DefaultFileName));
        var seed = int.Parse(Option("--seed", "13"), CultureInfo.InvariantCulture);
        var folds = int.Parse(Option("--folds", "5"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(Option("--repeats", "3"), CultureInfo.InvariantCulture);
        var cacheFile = arguments.Contains("--embedding-cache") ? Option("--embedding-cache", string.Empty) : null;
        var tune = arguments.Contains("--tune");
        var only = Option("--only", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        if (!Directory.Exists(dataFolder) || !File.Exists(Path.Combine(dataFolder, devFile)) || folds < 2 || repeats < 1)
        {
            await output.WriteLineAsync(
                $"usage: train --data <folder with {devFile} and authored *.jsonl> [--out model.bin] [--seed 13] [--folds 5] [--repeats 3] "
                + "[--embedding-cache file] [--tune [--only A,B]]");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        using var encoder = new MiniLmSentenceEmbedder(intraOpThreads: Environment.ProcessorCount);
        var embedder = new CachingSentenceEmbedder(encoder, string.IsNullOrEmpty(cacheFile) ? null : cacheFile);
        var detector = new LanguageDetector();
        List<TrainingExample> dev;
        List<TrainingExample> authored;
        try
        {
            dev = TrainingData.Prepare(LabelledLead.ReadJsonLines(Path.Combine(dataFolder, devFile)), ChosenOptions.Features, embedder, detector, isDev: true);
            authored = Directory.GetFiles(dataFolder, "*.jsonl")
                .Where(path => Path.GetFileName(path) != devFile)
                .Order(StringComparer.Ordinal)
                .SelectMany(path => TrainingData.Prepare(LabelledLead.ReadJsonLines(path), ChosenOptions.Features, embedder, detector, isDev: false))
                .ToList();
        }
        catch (InvalidDataException exception)
        {
            await output.WriteLineAsync(exception.Message);
            return 2;
        }

        embedder.Save();
        await output.WriteLineAsync(
            FormattableString.Invariant($"data: {dev.Count} dev leads ({dev.Count(e => e.IsFrench)} fr), {authored.Count} authored ")
            + FormattableString.Invariant($"({authored.Count(e => e.IsFrench)} fr); features ready in {clock.Elapsed.TotalSeconds:0.0} s"));

        if (tune)
        {
            await TuneAsync(output, dev, authored, folds, seed, repeats, only, embedder);
            return 0;
        }

        var options = ChosenOptions;
        await output.WriteLineAsync("options: " + options.Describe());
        var passes = CrossValidation.Repeated(dev, authored, options, folds, seed, repeats, embedder);
        var estimates = ValidationFigures.Estimates(passes);

        // Temperatures from every out-of-fold prediction of every pass.
        var pooledIntent = passes.SelectMany(p => p.IntentLogits).ToList();
        var pooledUrgency = passes.SelectMany(p => p.UrgencyLogits).ToList();
        var pooledTone = passes.SelectMany(p => p.ToneLogits).ToList();
        var gold = passes.SelectMany(p => p.Examples).ToList();
        var intentTemperature = TemperatureCalibration.Fit(pooledIntent, gold.Select(e => e.Intent).ToList());
        var urgencyTemperature = TemperatureCalibration.Fit(pooledUrgency, gold.Select(e => e.Urgency).ToList());
        var toneTemperature = TemperatureCalibration.Fit(pooledTone, gold.Select(e => e.Tone).ToList());
        var intentTargets = gold.Select(e => e.Intent).ToList();
        var eceBefore = TemperatureCalibration.ExpectedCalibrationError(pooledIntent.Select(l => SoftmaxClassifier.Softmax(l, 1.0)).ToList(), intentTargets);
        var eceAfter = TemperatureCalibration.ExpectedCalibrationError(
            pooledIntent.Select(l => SoftmaxClassifier.Softmax(l, intentTemperature)).ToList(), intentTargets);

        var figures = new Dictionary<string, double>();
        ValidationFigures.AddTo(figures, "cv_", estimates);
        figures["cv_intent_ece_uncalibrated"] = eceBefore;
        figures["cv_intent_ece"] = eceAfter;
        figures["intent_temperature"] = intentTemperature;
        figures["urgency_temperature"] = urgencyTemperature;
        figures["tone_temperature"] = toneTemperature;
        figures["seed"] = seed;
        figures["folds"] = folds;
        figures["repeats"] = repeats;

        await output.WriteLineAsync(
            FormattableString.Invariant($"{repeats} x {folds}-fold cross-validation over {dev.Count} dev leads ")
            + "(authored examples always trained on, never scored); 95 % bootstrap intervals:");
        await output.WriteLineAsync(ValidationFigures.Table(estimates));
        await output.WriteLineAsync(
            FormattableString.Invariant($"temperatures: intent {intentTemperature:0.###}, urgency {urgencyTemperature:0.###}, tone {toneTemperature:0.###}; ")
            + FormattableString.Invariant($"intent ECE {eceBefore:0.000} -> {eceAfter:0.000}"));
        await WriteConfusionAsync(output, passes[0]);

        // The shipped model: every dev and authored lead, calibrated with the cross-validation temperatures.
        var model = ModelTrainer.Train([.. authored, .. dev], options, embedder.Name, embedder.Dimension, figures);
        model.Intent.WithTemperature(intentTemperature);
        model.Urgency.WithTemperature(urgencyTemperature);
        model.Tone.WithTemperature(toneTemperature);
        EnrichmentModelFile.Save(model, outPath);
        await output.WriteLineAsync(
            FormattableString.Invariant($"wrote {outPath} ({new FileInfo(outPath).Length / 1024.0:0} KiB, vocabulary {model.Vocabulary.Count}) ")
            + FormattableString.Invariant($"as {model.Name} in {clock.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    private static async Task TuneAsync(
        TextWriter output, List<TrainingExample> dev, List<TrainingExample> authored, int folds, int seed, int repeats, string[] only,
        ISentenceEmbedder embedder)
    {
        IReadOnlyList<OutOfSamplePredictions>? baseline = null;
        string? baselineName = null;
        foreach (var candidate in TuningCandidates.All())
        {
            if (only.Length > 0 && baseline is not null && !only.Contains(candidate.Name.Split(':')[0], StringComparer.Ordinal))
            {
                continue;
            }

            var clock = Stopwatch.StartNew();
            var options = candidate.Options;
            var candidateDev = TrainingData.WithFeatures(dev, options.Features);
            var candidateAuthored = TrainingData.WithFeatures(authored.Where(candidate.UsesAuthored), options.Features);
            var passes = CrossValidation.Repeated(candidateDev, candidateAuthored, options, folds, seed, repeats, embedder);
            await output.WriteLineAsync(FormattableString.Invariant(
                $"== {candidate.Name} ({candidateAuthored.Count} authored, {clock.Elapsed.TotalSeconds:0} s)"));
            await output.WriteLineAsync(ValidationFigures.Table(ValidationFigures.Estimates(passes)));
            if (baseline is null)
            {
                baseline = passes;
                baselineName = candidate.Name.Split(':')[0];
                continue;
            }

            foreach (var (metric, suffix, include) in new (string, string, Func<TrainingExample, bool>)[]
                     {
                         ("intent_macro_f1", "en", e => !e.IsFrench), ("intent_macro_f1", "fr", e => e.IsFrench),
                         ("urgency_accuracy", "all", _ => true), ("tone_accuracy", "all", _ => true),
                         ("tone_accuracy", "en", e => !e.IsFrench), ("tone_accuracy", "fr", e => e.IsFrench),
                     })
            {
                var (difference, wins, losses) = ValidationFigures.Compare(baseline, passes, metric, include);
                await output.WriteLineAsync(
                    FormattableString.Invariant($"   vs {baselineName}: {metric} {suffix}: {difference.Value:+0.000;-0.000} ")
                    + FormattableString.Invariant($"[{difference.Low:+0.000;-0.000}, {difference.High:+0.000;-0.000}], folds better/worse {wins}/{losses}"));
            }
        }
    }

    private static async Task WriteConfusionAsync(TextWriter output, OutOfSamplePredictions pass)
    {
        var indices = Enumerable.Range(0, pass.Examples.Count).ToList();
        await output.WriteLineAsync("cross-validation intent confusion, first pass (rows gold, columns predicted):");
        await output.WriteLineAsync(ClassificationScores.ConfusionTable(
            indices.Select(i => EnrichmentLabels.Intents[pass.Examples[i].Intent]).ToList(),
            indices.Select(i => EnrichmentLabels.Intents[pass.PredictedIntent(i)]).ToList(),
            EnrichmentLabels.Intents));
        await output.WriteLineAsync("cross-validation tone confusion, first pass:");
        await output.WriteLineAsync(ClassificationScores.ConfusionTable(
            indices.Select(i => EnrichmentLabels.Tones[pass.Examples[i].Tone]).ToList(),
            indices.Select(i => EnrichmentLabels.Tones[pass.PredictedTone(i)]).ToList(),
            EnrichmentLabels.Tones));
        await output.WriteLineAsync("cross-validation urgency confusion, first pass:");
        await output.WriteLineAsync(ClassificationScores.ConfusionTable(
            indices.Select(i => EnrichmentLabels.Urgencies[pass.Examples[i].Urgency]).ToList(),
            indices.Select(i => EnrichmentLabels.Urgencies[pass.PredictedUrgency(i)]).ToList(),
            EnrichmentLabels.Urgencies));
    }
}

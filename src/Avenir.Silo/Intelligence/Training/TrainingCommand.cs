using System.Diagnostics;
using System.Globalization;
using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// <c>train [--data data/training] [--dev leads-dev.jsonl] [--out src/Avenir.Silo/Intelligence/Model/enrichment-model.bin]
/// [--seed 13] [--holdout 0.35] [--folds 5] [--embedding-cache file] [--tune]</c>
/// <para>
/// Reproducible training of the local enrichment model. Every *.jsonl file in the data folder is
/// read; the dev file (annotated real leads) is the only one validated on, the others (authored
/// examples) are always in training. It reports (1) a stratified hold-out of the dev leads that no
/// model trained on, (2) k-fold cross-validation over all dev leads, fits the calibration
/// temperatures on the cross-validation predictions, then trains the shipped model on everything
/// and writes it. <c>--tune</c> compares candidate settings by cross-validation on the dev leads
/// outside the hold-out, so the hold-out stays unseen.
/// </para>
/// </summary>
public static class TrainingCommand
{
    /// <summary>The settings the shipped model is trained with (chosen with --tune).</summary>
    internal static TrainingOptions ChosenOptions { get; } = new()
    {
        // Word n-grams weigh 1.5x the other blocks; intent leans on the text (cue weights heavily
        // penalised: they made it over-trust form signals), urgency and tone use the cues freely.
        Features = new FeatureSettings { WordWeight = 1.5f },
        MinimumLeadsPerFeature = 2,
        Intent = new SoftmaxTrainingOptions { L2 = 3e-4, CueL2Factor = 30 },
        Urgency = new SoftmaxTrainingOptions { L2 = 1e-3 },
        Tone = new SoftmaxTrainingOptions { L2 = 1e-3, CueL2Factor = 0.3 },
    };

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
        var holdOutFraction = double.Parse(Option("--holdout", "0.35"), CultureInfo.InvariantCulture);
        var folds = int.Parse(Option("--folds", "5"), CultureInfo.InvariantCulture);
        var cacheFile = arguments.Contains("--embedding-cache") ? Option("--embedding-cache", string.Empty) : null;
        var tune = arguments.Contains("--tune");

        if (!Directory.Exists(dataFolder) || !File.Exists(Path.Combine(dataFolder, devFile)))
        {
            await output.WriteLineAsync($"usage: train --data <folder with {devFile} and authored *.jsonl> [--out model.bin] [--seed 13] [--holdout 0.35] [--folds 5] [--embedding-cache file] [--tune]");
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
            dev = Prepare(LabelledLead.ReadJsonLines(Path.Combine(dataFolder, devFile)), embedder, detector);
            authored = Directory.GetFiles(dataFolder, "*.jsonl")
                .Where(path => Path.GetFileName(path) != devFile)
                .Order(StringComparer.Ordinal)
                .SelectMany(path => Prepare(LabelledLead.ReadJsonLines(path), embedder, detector))
                .ToList();
        }
        catch (InvalidDataException exception)
        {
            await output.WriteLineAsync(exception.Message);
            return 2;
        }

        embedder.Save();
        await output.WriteLineAsync(FormattableString.Invariant(
            $"data: {dev.Count} dev leads ({dev.Count(e => e.IsFrench)} fr), {authored.Count} authored ({authored.Count(e => e.IsFrench)} fr); features ready in {clock.Elapsed.TotalSeconds:0.0} s"));

        var heldOut = StratifiedSplits.HoldOut(dev, holdOutFraction, seed);
        var devTrain = dev.Where((_, i) => !heldOut[i]).ToList();
        var devHoldOut = dev.Where((_, i) => heldOut[i]).ToList();

        if (tune)
        {
            foreach (var (name, candidate) in Candidates())
            {
                // Sparse values depend on the block weights, so they are rebuilt per candidate.
                var candidateFeatures = new FeatureExtractor(candidate.Features);
                List<TrainingExample> Rebuild(List<TrainingExample> examples) =>
                    examples.Select(e => e with { SparseBuckets = candidateFeatures.SparseBuckets(e.Prepared) }).ToList();
                var predictions = CrossValidate(Rebuild(devTrain), Rebuild(authored), candidate, folds, seed, embedder);
                await output.WriteLineAsync(FormatFigures(name, predictions.Figures("cv_")));
            }

            return 0;
        }

        var options = ChosenOptions;
        await output.WriteLineAsync("options: " + options.Describe());

        // (1) Hold-out: trained without any of these dev leads.
        var holdOutModel = ModelTrainer.Train([.. authored, .. devTrain], options, embedder.Name, embedder.Dimension);
        var holdOutPredictions = new OutOfSamplePredictions();
        holdOutPredictions.Add(holdOutModel, devHoldOut);

        // (2) k-fold cross-validation over all dev leads, authored examples always in training.
        var crossValidation = CrossValidate(dev, authored, options, folds, seed, embedder);
        var gold = crossValidation.Examples;
        var intentTemperature = TemperatureCalibration.Fit(crossValidation.IntentLogits, gold.Select(e => e.Intent).ToList());
        var urgencyTemperature = TemperatureCalibration.Fit(crossValidation.UrgencyLogits, gold.Select(e => e.Urgency).ToList());
        var toneTemperature = TemperatureCalibration.Fit(crossValidation.ToneLogits, gold.Select(e => e.Tone).ToList());

        var figures = new Dictionary<string, double>();
        foreach (var (key, value) in holdOutPredictions.Figures("holdout_", intentTemperature))
        {
            figures[key] = value;
        }

        foreach (var (key, value) in crossValidation.Figures("cv_", intentTemperature))
        {
            figures[key] = value;
        }

        figures["cv_intent_ece_uncalibrated"] = crossValidation.Figures("x_", 1.0)["x_intent_ece"];
        figures["intent_temperature"] = intentTemperature;
        figures["urgency_temperature"] = urgencyTemperature;
        figures["tone_temperature"] = toneTemperature;
        figures["seed"] = seed;
        figures["folds"] = folds;
        figures["holdout_fraction"] = holdOutFraction;

        await output.WriteLineAsync(FormatFigures($"hold-out ({devHoldOut.Count} dev leads, {holdOutFraction:P0}, seed {seed})", holdOutPredictions.Figures(string.Empty, intentTemperature)));
        await output.WriteLineAsync(FormatFigures($"{folds}-fold cross-validation over {dev.Count} dev leads", crossValidation.Figures(string.Empty, intentTemperature)));
        await output.WriteLineAsync(FormattableString.Invariant(
            $"temperatures: intent {intentTemperature:0.###}, urgency {urgencyTemperature:0.###}, tone {toneTemperature:0.###}; intent ECE {figures["cv_intent_ece_uncalibrated"]:0.000} -> {figures["cv_intent_ece"]:0.000}"));
        await output.WriteLineAsync("cross-validation intent confusion (rows gold, columns predicted):");
        await output.WriteLineAsync(ClassificationScores.ConfusionTable(crossValidation.GoldIntents, crossValidation.PredictedIntents, EnrichmentLabels.Intents));

        // (3) The shipped model: every dev and authored lead, calibrated with the cross-validation temperatures.
        var model = ModelTrainer.Train([.. authored, .. dev], options, embedder.Name, embedder.Dimension, figures);
        model.Intent.WithTemperature(intentTemperature);
        model.Urgency.WithTemperature(urgencyTemperature);
        model.Tone.WithTemperature(toneTemperature);
        EnrichmentModelFile.Save(model, outPath);
        await output.WriteLineAsync(FormattableString.Invariant(
            $"wrote {outPath} ({new FileInfo(outPath).Length / 1024.0:0} KiB, vocabulary {model.Vocabulary.Count}) as {model.Name} in {clock.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    internal static OutOfSamplePredictions CrossValidate(
        List<TrainingExample> validated, List<TrainingExample> alwaysTrained, TrainingOptions options, int folds, int seed, ISentenceEmbedder embedder)
    {
        var fold = StratifiedSplits.Folds(validated, folds, seed);
        var predictions = new OutOfSamplePredictions();
        for (var f = 0; f < folds; f++)
        {
            var training = alwaysTrained.Concat(validated.Where((_, i) => fold[i] != f)).ToList();
            var model = ModelTrainer.Train(training, options, embedder.Name, embedder.Dimension);
            predictions.Add(model, validated.Where((_, i) => fold[i] == f));
        }

        return predictions;
    }

    private static List<TrainingExample> Prepare(IReadOnlyList<LabelledLead> leads, ISentenceEmbedder embedder, LanguageDetector detector)
    {
        var features = new FeatureExtractor(ChosenOptions.Features);
        var examples = new List<TrainingExample>(leads.Count);
        foreach (var lead in leads)
        {
            var intent = IndexOf(EnrichmentLabels.Intents, lead.Intent, lead, "intent");
            var urgency = IndexOf(EnrichmentLabels.Urgencies, lead.Urgency, lead, "urgency");
            var tone = IndexOf(EnrichmentLabels.Tones, lead.Tone, lead, "tone");
            var prepared = PreparedLead.From(lead.ToRequest());
            examples.Add(new TrainingExample(
                lead,
                prepared,
                features.SparseBuckets(prepared),
                CueFeatures.Compute(prepared),
                embedder.Embed(prepared.CleanMessage),
                intent,
                urgency,
                tone,
                detector.Detect(prepared.CleanMessage, null).Language));
        }

        return examples;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string? label, LabelledLead lead, string field)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidDataException($"Lead {lead.Id}: {field} '{label}' is not one of {string.Join(", ", labels)}.");
    }

    private static string FormatFigures(string title, Dictionary<string, double> f)
    {
        var p = f.Keys.First(k => k.EndsWith("intent_macro_f1", StringComparison.Ordinal))[..^"intent_macro_f1".Length];
        return FormattableString.Invariant(
            $"{title}: intent macro-F1 {f[p + "intent_macro_f1"]:0.000} (en {f[p + "intent_macro_f1_en"]:0.000}, fr {f[p + "intent_macro_f1_fr"]:0.000}); urgency acc {f[p + "urgency_accuracy"]:0.000} (en {f[p + "urgency_accuracy_en"]:0.000}, fr {f[p + "urgency_accuracy_fr"]:0.000}); tone acc {f[p + "tone_accuracy"]:0.000} (en {f[p + "tone_accuracy_en"]:0.000}, fr {f[p + "tone_accuracy_fr"]:0.000}); language acc {f[p + "language_accuracy"]:0.000}; n {f[p + "n"]}");
    }

    /// <summary>The settings compared by --tune (each task's classifier is independent, so a candidate varies all three).</summary>
    private static IEnumerable<(string Name, TrainingOptions Options)> Candidates()
    {
        var o = ChosenOptions with { Features = new FeatureSettings() };
        SoftmaxTrainingOptions Task(double l2, double cue = 1, double embedding = 1, int iterations = 300) =>
            new() { L2 = l2, CueL2Factor = cue, EmbeddingL2Factor = embedding, Iterations = iterations };
        yield return ("A: intent 3e-4, urgency/tone 1e-3", o with { Intent = Task(3e-4), Urgency = Task(1e-3), Tone = Task(1e-3) });
        yield return ("B: intent 3e-4 cue x30, urgency/tone 3e-3", o with { Intent = Task(3e-4, cue: 30), Urgency = Task(3e-3), Tone = Task(3e-3) });
        yield return ("C: intent 1e-4 cue x30, urgency 3e-3 cue x0.3, tone 1e-3 cue x0.3", o with { Intent = Task(1e-4, cue: 30), Urgency = Task(3e-3, cue: 0.3), Tone = Task(1e-3, cue: 0.3) });
        yield return ("D: intent 1e-4 cue x30 600 it, urgency 1e-2, tone 3e-3 cue x0.3", o with { Intent = Task(1e-4, cue: 30, iterations: 600), Urgency = Task(1e-2), Tone = Task(3e-3, cue: 0.3) });
        yield return ("E: as B without character grams", o with { Features = o.Features with { CharacterWeight = 0f }, Intent = Task(3e-4, cue: 30), Urgency = Task(3e-3), Tone = Task(3e-3) });
        yield return ("F: as B without form signals", o with { Features = o.Features with { FormWeight = 0f }, Intent = Task(3e-4, cue: 30), Urgency = Task(3e-3), Tone = Task(3e-3) });
        yield return ("G: as B, embedding x0.5 penalty for intent", o with { Intent = Task(3e-4, cue: 30, embedding: 0.3), Urgency = Task(3e-3), Tone = Task(3e-3) });
        yield return ("H: as B, word weight 1.5", o with { Features = o.Features with { WordWeight = 1.5f }, Intent = Task(3e-4, cue: 30), Urgency = Task(3e-3), Tone = Task(3e-3) });
    }
}

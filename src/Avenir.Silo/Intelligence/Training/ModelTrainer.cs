using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>Builds a vocabulary from training leads and fits the intent, urgency and tone classifiers.</summary>
internal static class ModelTrainer
{
    public const string Version = "1.1";

    public static EnrichmentModel Train(
        IReadOnlyList<TrainingExample> examples,
        TrainingOptions options,
        string encoderName,
        int embeddingDimension,
        IReadOnlyDictionary<string, double>? figures = null)
    {
        var features = new FeatureExtractor(options.Features);
        var vocabulary = FeatureVocabulary.Build(examples.Select(example => example.SparseBuckets), options.MinimumLeadsPerFeature);
        var vectors = examples.Select(example => Vector(features, example, vocabulary)).ToList();
        // Annotated real leads may count more than authored ones: they are the distribution the model meets.
        var weights = examples.Select(example => example.IsDev ? options.DevWeight : 1.0).ToList();
        SoftmaxClassifier Fit(Func<TrainingExample, int> target, IReadOnlyList<string> labels, SoftmaxTrainingOptions task) =>
            SoftmaxTrainer.Train(
                vectors, examples.Select(target).ToList(), task.MatchDevPrior ? PriorMatched(examples, weights, target, labels.Count) : weights, labels,
                DensePenalty(options.Features, embeddingDimension, task), SparsePenalty(vocabulary, task), task);

        SoftmaxClassifier? intent = null;
        SoftmaxClassifier? urgency = null;
        SoftmaxClassifier? tone = null;
        Parallel.Invoke(
            () => intent = Fit(e => e.Intent, EnrichmentLabels.Intents, options.Intent),
            () => urgency = Fit(e => e.Urgency, EnrichmentLabels.Urgencies, options.Urgency),
            () => tone = Fit(e => e.Tone, EnrichmentLabels.Tones, options.Tone));
        return new EnrichmentModel(
            Version, encoderName, embeddingDimension, options.Features, vocabulary, intent!, urgency!, tone!, figures ?? new Dictionary<string, double>());
    }

    public static FeatureVector Vector(FeatureExtractor features, TrainingExample example, FeatureVocabulary vocabulary) =>
        features.Vector(example.SparseBuckets, example.Embedding, example.Cues, vocabulary, example.DetectedLanguage == "fr");

    /// <summary>
    /// The weights with each authored example of class c multiplied by (dev share of c) / (authored share of c), computed on
    /// the training examples only; classes absent from either side keep weight 1.
    /// </summary>
    private static List<double> PriorMatched(
        IReadOnlyList<TrainingExample> examples, IReadOnlyList<double> weights, Func<TrainingExample, int> target, int classes)
    {
        var dev = new double[classes];
        var authored = new double[classes];
        foreach (var example in examples)
        {
            (example.IsDev ? dev : authored)[target(example)]++;
        }

        var devTotal = dev.Sum();
        var authoredTotal = authored.Sum();
        var factor = Enumerable.Range(0, classes)
            .Select(c => devTotal == 0 || authoredTotal == 0 || dev[c] == 0 || authored[c] == 0 ? 1.0 : dev[c] / devTotal / (authored[c] / authoredTotal))
            .ToArray();
        return examples.Select((example, i) => example.IsDev ? weights[i] : weights[i] * factor[target(example)]).ToList();
    }

    /// <summary>L2 factor of each dense column: embedding copies, then cues.</summary>
    private static double[] DensePenalty(FeatureSettings settings, int embeddingDimension, SoftmaxTrainingOptions task)
    {
        var penalty = new double[settings.DenseSize(embeddingDimension)];
        var embeddingColumns = embeddingDimension * settings.EmbeddingCopies;
        for (var j = 0; j < penalty.Length; j++)
        {
            penalty[j] = j < embeddingColumns ? task.EmbeddingL2Factor : task.CueL2Factor;
        }

        return penalty;
    }

    /// <summary>L2 factor of each vocabulary row (style tokens may be penalised apart from n-grams).</summary>
    private static double[] SparsePenalty(FeatureVocabulary vocabulary, SoftmaxTrainingOptions task)
    {
        var penalty = new double[vocabulary.Count];
        for (var row = 0; row < penalty.Length; row++)
        {
            penalty[row] = task.SparseL2Factor * (FeatureExtractor.IsStyleBucket(vocabulary.Buckets[row]) ? task.StyleL2Factor : 1.0);
        }

        return penalty;
    }
}

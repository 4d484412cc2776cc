using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>Builds a vocabulary from training leads and fits the intent, urgency and tone classifiers.</summary>
internal static class ModelTrainer
{
    public const string Version = "1.0";

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
        var denseSize = options.Features.DenseSize(embeddingDimension);
        SoftmaxClassifier? intent = null;
        SoftmaxClassifier? urgency = null;
        SoftmaxClassifier? tone = null;
        Parallel.Invoke(
            () => intent = SoftmaxTrainer.Train(vectors, examples.Select(e => e.Intent).ToList(), EnrichmentLabels.Intents, denseSize, embeddingDimension, vocabulary.Count, options.Intent),
            () => urgency = SoftmaxTrainer.Train(vectors, examples.Select(e => e.Urgency).ToList(), EnrichmentLabels.Urgencies, denseSize, embeddingDimension, vocabulary.Count, options.Urgency),
            () => tone = SoftmaxTrainer.Train(vectors, examples.Select(e => e.Tone).ToList(), EnrichmentLabels.Tones, denseSize, embeddingDimension, vocabulary.Count, options.Tone));
        return new EnrichmentModel(
            Version, encoderName, embeddingDimension, options.Features, vocabulary, intent!, urgency!, tone!, figures ?? new Dictionary<string, double>());
    }

    public static FeatureVector Vector(FeatureExtractor features, TrainingExample example, FeatureVocabulary vocabulary) =>
        features.Vector(example.SparseBuckets, example.Embedding, example.Cues, vocabulary);
}

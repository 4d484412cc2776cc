using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// Raw logits for every validated lead, each from a model that did not train on it (one cross-validation
/// pass: each lead scored once, by the model of its fold). Indexed like the validated list, so passes
/// with other fold seeds line up lead by lead.
/// </summary>
internal sealed class OutOfSamplePredictions(IReadOnlyList<TrainingExample> examples)
{
    public IReadOnlyList<TrainingExample> Examples { get; } = examples;

    public double[][] IntentLogits { get; } = new double[examples.Count][];

    public double[][] UrgencyLogits { get; } = new double[examples.Count][];

    public double[][] ToneLogits { get; } = new double[examples.Count][];

    /// <summary>Fold of each lead in this pass.</summary>
    public int[] Fold { get; } = new int[examples.Count];

    public void Add(EnrichmentModel model, IEnumerable<int> indices, int fold)
    {
        var features = new FeatureExtractor(model.Settings);
        foreach (var i in indices)
        {
            var vector = ModelTrainer.Vector(features, Examples[i], model.Vocabulary);
            IntentLogits[i] = model.Intent.Logits(vector);
            UrgencyLogits[i] = model.Urgency.Logits(vector);
            ToneLogits[i] = model.Tone.Logits(vector);
            Fold[i] = fold;
        }
    }

    public int PredictedIntent(int i) => SoftmaxClassifier.ArgMax(IntentLogits[i]);

    public int PredictedUrgency(int i) => SoftmaxClassifier.ArgMax(UrgencyLogits[i]);

    public int PredictedTone(int i) => SoftmaxClassifier.ArgMax(ToneLogits[i]);
}

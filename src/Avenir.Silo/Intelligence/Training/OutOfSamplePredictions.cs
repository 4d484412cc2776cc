using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// Predictions (raw logits) for leads a model did not train on, gathered across folds; the source
/// of the reported validation figures and of the calibration temperatures.
/// </summary>
internal sealed class OutOfSamplePredictions
{
    public List<TrainingExample> Examples { get; } = [];

    public List<double[]> IntentLogits { get; } = [];

    public List<double[]> UrgencyLogits { get; } = [];

    public List<double[]> ToneLogits { get; } = [];

    public void Add(EnrichmentModel model, IEnumerable<TrainingExample> examples)
    {
        var features = new FeatureExtractor(model.Settings);
        foreach (var example in examples)
        {
            var vector = ModelTrainer.Vector(features, example, model.Vocabulary);
            Examples.Add(example);
            IntentLogits.Add(model.Intent.Logits(vector));
            UrgencyLogits.Add(model.Urgency.Logits(vector));
            ToneLogits.Add(model.Tone.Logits(vector));
        }
    }

    /// <summary>Intent macro-F1 (all, en, fr), urgency, tone and language accuracy, and intent calibration.</summary>
    public Dictionary<string, double> Figures(string prefix, double intentTemperature = 1.0)
    {
        var figures = new Dictionary<string, double>();
        foreach (var (suffix, include) in new (string, Func<TrainingExample, bool>)[]
                 {
                     (string.Empty, _ => true), ("_en", e => !e.IsFrench), ("_fr", e => e.IsFrench),
                 })
        {
            var indices = Enumerable.Range(0, Examples.Count).Where(i => include(Examples[i])).ToList();
            List<string> Gold(Func<TrainingExample, int> label, IReadOnlyList<string> names) => indices.Select(i => names[label(Examples[i])]).ToList();
            List<string> Predicted(List<double[]> logits, IReadOnlyList<string> names) => indices.Select(i => names[SoftmaxClassifier.ArgMax(logits[i])]).ToList();
            figures[prefix + "intent_macro_f1" + suffix] = ClassificationScores.MacroF1(Gold(e => e.Intent, EnrichmentLabels.Intents), Predicted(IntentLogits, EnrichmentLabels.Intents));
            figures[prefix + "intent_accuracy" + suffix] = ClassificationScores.Accuracy(Gold(e => e.Intent, EnrichmentLabels.Intents), Predicted(IntentLogits, EnrichmentLabels.Intents));
            figures[prefix + "urgency_accuracy" + suffix] = ClassificationScores.Accuracy(Gold(e => e.Urgency, EnrichmentLabels.Urgencies), Predicted(UrgencyLogits, EnrichmentLabels.Urgencies));
            figures[prefix + "tone_accuracy" + suffix] = ClassificationScores.Accuracy(Gold(e => e.Tone, EnrichmentLabels.Tones), Predicted(ToneLogits, EnrichmentLabels.Tones));
            figures[prefix + "language_accuracy" + suffix] = ClassificationScores.Accuracy(
                indices.Select(i => Examples[i].Lead.Language ?? string.Empty).ToList(), indices.Select(i => Examples[i].DetectedLanguage).ToList());
            figures[prefix + "n" + suffix] = indices.Count;
        }

        var probabilities = IntentLogits.Select(logits => SoftmaxClassifier.Softmax(logits, intentTemperature)).ToList();
        figures[prefix + "intent_ece"] = TemperatureCalibration.ExpectedCalibrationError(probabilities, Examples.Select(e => e.Intent).ToList());
        return figures;
    }

    public IReadOnlyList<string> GoldIntents => Examples.Select(e => EnrichmentLabels.Intents[e.Intent]).ToList();

    public IReadOnlyList<string> PredictedIntents => IntentLogits.Select(l => EnrichmentLabels.Intents[SoftmaxClassifier.ArgMax(l)]).ToList();
}

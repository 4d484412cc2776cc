namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Everything the trained enrichment needs at run time besides the sentence encoder: feature
/// settings, vocabulary and the three calibrated classifiers. Loaded from and saved to
/// <see cref="EnrichmentModelFile"/>.
/// </summary>
internal sealed class EnrichmentModel(
    string version,
    string encoderName,
    int embeddingDimension,
    FeatureSettings settings,
    FeatureVocabulary vocabulary,
    SoftmaxClassifier intent,
    SoftmaxClassifier urgency,
    SoftmaxClassifier tone,
    IReadOnlyDictionary<string, double> validationFigures)
{
    /// <summary>Model family, stable across retraining.</summary>
    public const string Family = "avenir-local-intent";

    public string Version { get; } = version;

    public string EncoderName { get; } = encoderName;

    public int EmbeddingDimension { get; } = embeddingDimension;

    public FeatureSettings Settings { get; } = settings;

    public FeatureVocabulary Vocabulary { get; } = vocabulary;

    public SoftmaxClassifier Intent { get; } = intent;

    public SoftmaxClassifier Urgency { get; } = urgency;

    public SoftmaxClassifier Tone { get; } = tone;

    /// <summary>Figures measured when the model was trained (held-out and cross-validation), for the record.</summary>
    public IReadOnlyDictionary<string, double> ValidationFigures { get; } = validationFigures;

    /// <summary>E.g. "avenir-local-intent/1.0+minilm-l6-v2".</summary>
    public string Name => $"{Family}/{Version}+{EncoderName}";
}

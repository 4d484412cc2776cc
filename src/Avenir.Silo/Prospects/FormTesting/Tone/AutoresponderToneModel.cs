using Avenir.Grains.Prospects;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>Hyper-parameters of the tone model (chosen by cross-validation on the labelled set, see docs/prospects.md).</summary>
internal sealed record ToneModelOptions
{
    /// <summary>Scale of the sentence embedding in the feature vector (the cues are scale 1).</summary>
    public float EmbeddingWeight { get; init; } = 0.5f;

    /// <summary>Scale of the cue block.</summary>
    public float CueWeight { get; init; } = 1f;

    /// <summary>The trainer's settings.</summary>
    public SoftmaxTrainingOptions Training { get; init; } = new() { L2 = 3e-3, Iterations = 400, LearningRate = 0.05, EmbeddingL2Factor = 3.0 };
}

/// <summary>
/// The learned half of the tone classifier: the existing <see cref="SoftmaxClassifier"/> trained by
/// <see cref="SoftmaxTrainer"/> over the MiniLM embedding of the answer, the <see cref="AutoresponderCues"/>, and the
/// cosine similarity between the answer and the question. Trains in a few seconds on the labelled set.
/// </summary>
internal sealed class AutoresponderToneModel
{
    private readonly SoftmaxClassifier _classifier;
    private readonly ISentenceEmbedder _embedder;
    private readonly ToneModelOptions _options;

    private AutoresponderToneModel(SoftmaxClassifier classifier, ISentenceEmbedder embedder, ToneModelOptions options)
    {
        _classifier = classifier;
        _embedder = embedder;
        _options = options;
    }

    private static readonly string[] LabelOrder = [.. AutoresponderTones.All];

    /// <summary>The labels, in <see cref="AutoresponderTones.All"/> order.</summary>
    public static IReadOnlyList<string> Labels => LabelOrder;

    public static AutoresponderToneModel Train(
        IReadOnlyList<AutoresponderEmail> labelled, ISentenceEmbedder embedder, ToneModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ToneModelOptions();
        var usable = labelled.Where(e => e.Tone is not null && LabelOrder.Contains(e.Tone)).ToList();
        if (usable.Count == 0)
        {
            throw new InvalidOperationException("The tone model needs labelled examples.");
        }

        var vectors = usable.Select(e => Features(e, embedder, options)).ToList();
        var targets = usable.Select(e => Array.IndexOf(LabelOrder, e.Tone!)).ToList();
        var denseSize = vectors[0].Dense.Length;
        // The embedding block is penalised by its own factor, the readable signals after it by the cue factor; no sparse block.
        var densePenalty = Enumerable.Range(0, denseSize)
            .Select(j => j < embedder.Dimension ? options.Training.EmbeddingL2Factor : options.Training.CueL2Factor).ToArray();
        var classifier = SoftmaxTrainer.Train(vectors, targets, weights: null, Labels, densePenalty, sparsePenalty: [], options.Training, cancellationToken);
        return new AutoresponderToneModel(classifier, embedder, options);
    }

    /// <summary>Class probabilities, in <see cref="Labels"/> order.</summary>
    public double[] Probabilities(AutoresponderEmail email) => _classifier.Probabilities(Features(email, _embedder, _options));

    internal static FeatureVector Features(AutoresponderEmail email, ISentenceEmbedder embedder, ToneModelOptions options)
    {
        var text = ((email.Subject ?? string.Empty) + "\n" + (email.Body ?? string.Empty)).Trim();
        var embedding = embedder.Embed(text);
        var cues = AutoresponderCues.Of(email).ToFeatures();
        var question = email.Submitted?.Message;
        var similarity = string.IsNullOrWhiteSpace(question) || text.Length == 0 ? 0f : (float)AutomationNeedScore.Cosine(embedding, embedder.Embed(question));
        var dense = new float[embedding.Length + cues.Length + 1];
        for (var i = 0; i < embedding.Length; i++)
        {
            dense[i] = embedding[i] * options.EmbeddingWeight;
        }

        for (var i = 0; i < cues.Length; i++)
        {
            dense[embedding.Length + i] = cues[i] * options.CueWeight;
        }

        dense[^1] = similarity * options.CueWeight;
        return new FeatureVector(dense, [], []);
    }
}

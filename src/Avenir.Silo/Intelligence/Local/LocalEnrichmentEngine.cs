namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// The offline, default enrichment: Lingua for the language, MiniLM + n-gram features into three
/// trained softmax classifiers for intent, urgency and tone, and an extractive summary. No network,
/// no API key. One instance is meant to live for the whole process (register it as a singleton):
/// the encoder and detector are loaded once and used concurrently.
/// </summary>
public sealed class LocalEnrichmentEngine : ILeadEnrichmentEngine, IDisposable
{
    /// <summary>Below this share of known words the text is probably neither English nor French (or gibberish).</summary>
    private const double FamiliarWordShare = 0.6;

    /// <summary>
    /// The highest confidence a lead in another language can get: the classifiers learnt English and French,
    /// so their labels for Spanish or Chinese are a guess worth a human look.
    /// </summary>
    public const double OtherLanguageConfidenceCap = 0.3;

    private readonly EnrichmentModel _model;
    private readonly ISentenceEmbedder _embedder;
    private readonly LanguageDetector _languageDetector;
    private readonly FeatureExtractor _features;
    private readonly ExtractiveSummarizer _summarizer;
    private readonly bool _ownsEmbedder;

    internal LocalEnrichmentEngine(EnrichmentModel model, ISentenceEmbedder embedder, LanguageDetector languageDetector, bool ownsEmbedder)
    {
        if (embedder.Dimension != model.EmbeddingDimension)
        {
            throw new ArgumentException($"The model expects {model.EmbeddingDimension}-d embeddings, the encoder gives {embedder.Dimension}-d.");
        }

        _model = model;
        _embedder = embedder;
        _languageDetector = languageDetector;
        _ownsEmbedder = ownsEmbedder;
        _features = new FeatureExtractor(model.Settings);
        _summarizer = new ExtractiveSummarizer(_features, model.Vocabulary, model.Intent);
    }

    /// <summary>Loads the model file (by default the one shipped next to the assembly) and the MiniLM encoder.</summary>
    public static LocalEnrichmentEngine Load(string? modelPath = null)
    {
        var model = EnrichmentModelFile.Load(modelPath ?? EnrichmentModelFile.DefaultPath);
#pragma warning disable CA2000 // the engine owns the encoder (ownsEmbedder) and disposes it with itself
        return new LocalEnrichmentEngine(model, new MiniLmSentenceEmbedder(), new LanguageDetector(), ownsEmbedder: true);
#pragma warning restore CA2000
    }

    /// <inheritdoc />
    public string ModelName => _model.Name;

    /// <summary>The loaded MiniLM encoder, shared with other features (profile embeddings) so it is loaded once per process.</summary>
    internal ISentenceEmbedder Embedder => _embedder;

    /// <summary>Figures measured on held-out leads when the shipped model was trained.</summary>
    public IReadOnlyDictionary<string, double> ValidationFigures => _model.ValidationFigures;

    /// <inheritdoc />
    public Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Enrich(request));
    }

    /// <summary>Synchronous enrichment (CPU-bound work; the async signature exists for remote engines).</summary>
    public LeadEnrichmentResult Enrich(LeadEnrichmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return EnrichPrepared(PreparedLead.From(request), request.DeclaredLanguage);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The engine sits in the intake path: a bug on odd input must not lose the lead.
            return Fallback(request.DeclaredLanguage);
        }
    }

    /// <inheritdoc />
    public bool EnrichesInBatches => true;

    public Task<IReadOnlyList<LeadEnrichmentResult>> EnrichBatchAsync(
        IReadOnlyList<LeadEnrichmentRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(EnrichBatch(requests));
    }

    /// <summary>
    /// Enriches several leads with one encoder call for all their texts (<see cref="ISentenceEmbedder.EmbedBatch"/>); every
    /// other stage runs per lead as in <see cref="Enrich"/>, so each result equals that lead's <see cref="Enrich"/>.
    /// </summary>
    public IReadOnlyList<LeadEnrichmentResult> EnrichBatch(IReadOnlyList<LeadEnrichmentRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        PreparedLead?[] prepared = [.. requests.Select(Prepare)];
        var texts = prepared.Where(lead => lead is not null).Select(lead => lead!.CleanMessage).ToList();
        float[][] embeddings;
        try
        {
            embeddings = _embedder.EmbedBatch(texts);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // One text the encoder cannot take must not cost the others their enrichment: each lead alone, as before.
            return [.. requests.Select(Enrich)];
        }

        var results = new LeadEnrichmentResult[requests.Count];
        var next = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var lead = prepared[i];
            results[i] = lead is null ? Fallback(requests[i].DeclaredLanguage) : Guarded(requests[i], lead, embeddings[next++]);
        }

        return results;
    }

    private static PreparedLead? Prepare(LeadEnrichmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return PreparedLead.From(request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null; // as in Enrich: this lead gets the fallback
        }
    }

    private LeadEnrichmentResult Guarded(LeadEnrichmentRequest request, PreparedLead lead, float[] embedding)
    {
        try
        {
            return EnrichPrepared(lead, request.DeclaredLanguage, embedding);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Fallback(request.DeclaredLanguage);
        }
    }

    internal LeadEnrichmentResult EnrichPrepared(PreparedLead lead, string? declaredLanguage, float[]? embedding = null)
    {
        var language = _languageDetector.Detect(lead.CleanMessage, declaredLanguage);
        var vector = BuildVector(lead, language.Language == "fr", embedding);
        var intent = _model.Intent.Probabilities(vector);
        var urgency = _model.Urgency.Probabilities(vector);
        var tone = _model.Tone.Probabilities(vector);
        var intentIndex = SoftmaxClassifier.ArgMax(intent);
        var urgencyIndex = SoftmaxClassifier.ArgMax(urgency);
        var toneIndex = SoftmaxClassifier.ArgMax(tone);

        // The classifiers only know English and French: scale the intent probability down when
        // the language is unsure or most words are unknown (Spanish, German, gibberish, emoji).
        var familiarity = Math.Clamp(FeatureExtractor.KnownWordShare(lead, _model.Vocabulary) / FamiliarWordShare, 0, 1);
        var languageFactor = Math.Clamp(0.5 + language.Confidence, 0, 1);
        var confidence = Math.Clamp(intent[intentIndex] * familiarity * languageFactor, 0, 1);
        if (language.IsOtherLanguage)
        {
            confidence = Math.Min(confidence, OtherLanguageConfidenceCap);
        }

        return new LeadEnrichmentResult(
            language.Language,
            _model.Intent.Labels[intentIndex],
            _model.Tone.Labels[toneIndex],
            _model.Urgency.Labels[urgencyIndex],
            Math.Round(confidence, 4),
            _summarizer.Summarize(lead.CleanMessage, intentIndex),
            ModelName)
        {
            FieldConfidences = new Dictionary<string, double>
            {
                ["language"] = Math.Round(language.Confidence, 4),
                ["intent"] = Math.Round(intent[intentIndex], 4),
                ["urgency"] = Math.Round(urgency[urgencyIndex], 4),
                ["tone"] = Math.Round(tone[toneIndex], 4),
                ["detected_language"] = Math.Round(language.DetectedConfidence, 4),
            },
            TopIntents = Enumerable.Range(0, intent.Length)
                .OrderByDescending(k => intent[k])
                .Take(3)
                .ToDictionary(k => _model.Intent.Labels[k], k => Math.Round(intent[k], 4)),
            IsMixedLanguage = language.IsMixed,
            DetectedLanguage = language.Detected,
        };
    }

    /// <param name="embedding">The message's embedding when it was computed with others' (a batch); else it is computed here.</param>
    internal FeatureVector BuildVector(PreparedLead lead, bool isFrench, float[]? embedding = null)
    {
        embedding ??= _embedder.Embed(lead.CleanMessage);
        return _features.Vector(_features.SparseBuckets(lead), embedding, CueFeatures.Compute(lead), _model.Vocabulary, isFrench);
    }

    private LeadEnrichmentResult Fallback(string? declaredLanguage)
    {
        var language = EnrichmentLabels.IsLanguage(declaredLanguage?.Trim().ToLowerInvariant()) ? declaredLanguage!.Trim().ToLowerInvariant() : "en";
        return new LeadEnrichmentResult(language, "general_inquiry", "Professional", "Low", 0.0, string.Empty, ModelName);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsEmbedder && _embedder is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}

namespace Avenir.Silo.Intelligence;

/// <summary>
/// What the enrichment engine concluded about one lead. All labels come from <see cref="EnrichmentLabels"/>.
/// </summary>
/// <param name="Language">
/// "en" or "fr": the language the lead is handled in (prompts, replies, storage). For a message in another
/// language it is the form's declared language, else the closer of the two; <see cref="DetectedLanguage"/>
/// then says which language the message is really in.
/// </param>
/// <param name="Intent">One of <see cref="EnrichmentLabels.Intents"/>.</param>
/// <param name="Tone">One of <see cref="EnrichmentLabels.Tones"/>.</param>
/// <param name="Urgency">One of <see cref="EnrichmentLabels.Urgencies"/>.</param>
/// <param name="Confidence">Calibrated probability in [0, 1] that the intent is right, lowered when the language or the vocabulary is unfamiliar.</param>
/// <param name="Summary">The most informative sentence(s) of the message itself, at most 200 characters.</param>
/// <param name="Model">Name and version of the model that produced this result.</param>
public sealed record LeadEnrichmentResult(
    string Language,
    string Intent,
    string Tone,
    string Urgency,
    double Confidence,
    string Summary,
    string Model)
{
    private readonly string? _detectedLanguage;

    /// <summary>
    /// ISO 639-1 code of the language the message is written in: equal to <see cref="Language"/> for English
    /// and French (mixed messages included), otherwise e.g. "es", "de", "pt", "zh" (or "und" for a script none
    /// of the known languages uses). Engines that do not detect it leave it equal to <see cref="Language"/>.
    /// </summary>
    public string DetectedLanguage
    {
        get => _detectedLanguage ?? Language;
        init => _detectedLanguage = value;
    }

    /// <summary>True when the message is in a language other than English and French (<see cref="DetectedLanguage"/> is neither).</summary>
    public bool IsOtherLanguage => !EnrichmentLabels.IsLanguage(DetectedLanguage);

    /// <summary>
    /// Calibrated probability of each field's chosen label: keys "language" (that <see cref="Language"/> is the
    /// message's language), "intent", "urgency", "tone"; the local engine adds "detected_language" (how sure it
    /// is of <see cref="DetectedLanguage"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double> FieldConfidences { get; init; } = new Dictionary<string, double>();

    /// <summary>The three most likely intents with their calibrated probabilities, best first.</summary>
    public IReadOnlyDictionary<string, double> TopIntents { get; init; } = new Dictionary<string, double>();

    /// <summary>True when the message contains substantial parts in both English and French.</summary>
    public bool IsMixedLanguage { get; init; }

    /// <summary>
    /// How <see cref="Summary"/> was written: <c>extractive</c> (the message's own sentences; the local engine) or
    /// <c>llm</c> (the LLM engine's answer, not yet checked against the message: see <c>LeadSummaryWriter</c>).
    /// </summary>
    public string SummarySource { get; init; } = Avenir.Contracts.Leads.LeadSummarySources.Extractive;
}

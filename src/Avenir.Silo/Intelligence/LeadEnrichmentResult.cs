namespace Avenir.Silo.Intelligence;

/// <summary>
/// What the enrichment engine concluded about one lead. All labels come from <see cref="EnrichmentLabels"/>.
/// </summary>
/// <param name="Language">"en" or "fr".</param>
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
    /// <summary>Calibrated probability of each field's chosen label: keys "language", "intent", "urgency", "tone".</summary>
    public IReadOnlyDictionary<string, double> FieldConfidences { get; init; } = new Dictionary<string, double>();

    /// <summary>The three most likely intents with their calibrated probabilities, best first.</summary>
    public IReadOnlyDictionary<string, double> TopIntents { get; init; } = new Dictionary<string, double>();

    /// <summary>True when the message contains substantial parts in both English and French.</summary>
    public bool IsMixedLanguage { get; init; }
}

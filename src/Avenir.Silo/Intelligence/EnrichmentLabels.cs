namespace Avenir.Silo.Intelligence;

/// <summary>
/// The closed label sets of lead enrichment (definitions: docs/decisions/0003-local-enrichment-model.md and the annotator rules).
/// Other code validates stored or LLM-produced labels against these lists.
/// </summary>
public static class EnrichmentLabels
{
    /// <summary>The 12 intents, in the order the model stores them.</summary>
    public static IReadOnlyList<string> Intents { get; } =
    [
        "demo_request", "pricing_quote", "b2b_partnership", "service_inquiry", "appointment_booking", "support_request",
        "complaint", "job_application", "vendor_pitch", "spam", "media_inquiry", "general_inquiry",
    ];

    /// <summary>The 3 urgencies.</summary>
    public static IReadOnlyList<string> Urgencies { get; } = ["High", "Medium", "Low"];

    /// <summary>The 6 tones.</summary>
    public static IReadOnlyList<string> Tones { get; } = ["Professional", "Friendly", "Formal", "Casual", "Frustrated", "Enthusiastic"];

    /// <summary>The 2 languages leads are handled in.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>True when <paramref name="intent"/> is one of <see cref="Intents"/> (exact, case-sensitive).</summary>
    public static bool IsIntent(string? intent) => intent is not null && Intents.Contains(intent);

    /// <summary>True when <paramref name="urgency"/> is one of <see cref="Urgencies"/>.</summary>
    public static bool IsUrgency(string? urgency) => urgency is not null && Urgencies.Contains(urgency);

    /// <summary>True when <paramref name="tone"/> is one of <see cref="Tones"/>.</summary>
    public static bool IsTone(string? tone) => tone is not null && Tones.Contains(tone);

    /// <summary>True when <paramref name="language"/> is one of <see cref="Languages"/>.</summary>
    public static bool IsLanguage(string? language) => language is not null && Languages.Contains(language);
}

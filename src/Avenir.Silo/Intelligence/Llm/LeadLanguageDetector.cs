using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>The language of a lead before any model runs (it chooses the prompt's language).</summary>
public interface ILeadLanguageDetector
{
    /// <summary>"en" or "fr".</summary>
    string Detect(string message, string? declaredLanguage);

    /// <summary>
    /// The language the lead is handled in ("en" or "fr", as <see cref="Detect"/>) and the ISO 639-1 code of the
    /// language it is written in (the same, or e.g. "es" for a Spanish message). By default both are <see cref="Detect"/>.
    /// </summary>
    (string Handled, string Written) DetectWritten(string message, string? declaredLanguage)
    {
        var language = Detect(message, declaredLanguage);
        return (language, language);
    }
}

/// <summary>Lingua, as in the local engine: English/French, and other languages recognised as such. Cheap, offline.</summary>
public sealed class LinguaLeadLanguageDetector : ILeadLanguageDetector
{
    private readonly LanguageDetector detector = new();

    public string Detect(string message, string? declaredLanguage) =>
        detector.Detect(MessageText.Clean(message), declaredLanguage).Language;

    public (string Handled, string Written) DetectWritten(string message, string? declaredLanguage)
    {
        var detection = detector.Detect(MessageText.Clean(message), declaredLanguage);
        return (detection.Language, detection.Detected);
    }
}

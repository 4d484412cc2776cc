using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>The language of a lead before any model runs (it chooses the prompt's language).</summary>
public interface ILeadLanguageDetector
{
    /// <summary>"en" or "fr".</summary>
    string Detect(string message, string? declaredLanguage);
}

/// <summary>Lingua (English/French), as in the local engine: cheap, offline.</summary>
public sealed class LinguaLeadLanguageDetector : ILeadLanguageDetector
{
    private readonly LanguageDetector detector = new();

    public string Detect(string message, string? declaredLanguage) =>
        detector.Detect(MessageText.Clean(message), declaredLanguage).Language;
}

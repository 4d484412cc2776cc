using Lingua;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>The language of a lead and how sure the detector is.</summary>
/// <param name="Language">"en" or "fr": the language the lead is handled in (for another language, the declared one, else the closer of the two).</param>
/// <param name="Confidence">How likely the text is in <paramref name="Language"/> (low for another language).</param>
/// <param name="IsMixed">Substantial parts in both English and French.</param>
/// <param name="Detected">ISO 639-1 code of the language the text is written in: <paramref name="Language"/>, or e.g. "es", "de", "zh".</param>
/// <param name="DetectedConfidence">How sure the detector is of <paramref name="Detected"/>.</param>
internal sealed record LanguageDetection(string Language, double Confidence, bool IsMixed, string Detected, double DetectedConfidence)
{
    public LanguageDetection(string language, double confidence, bool isMixed)
        : this(language, confidence, isMixed, language, confidence)
    {
    }

    /// <summary>True when the text is in a language other than English and French.</summary>
    public bool IsOtherLanguage => Detected != Language;
}

/// <summary>
/// English/French detection with Lingua restricted to those two languages (fast, and accurate on
/// short messages). Text with too few letters (empty, emoji, a phone number) falls back to the
/// declared form language, else English, with a low confidence. A message whose sentences are
/// substantially in both languages is flagged as mixed and labelled by the larger share. A message
/// in another language (<see cref="OtherLanguageDetector"/>) keeps an English/French label to be
/// handled in, but says which language it is in and has a low confidence for that label.
/// </summary>
internal sealed class LanguageDetector
{
    private const int MaxCharacters = 1500;
    private const int MinimumLetters = 3;
    private readonly Lingua.LanguageDetector _detector =
        LanguageDetectorBuilder.FromLanguages(Language.English, Language.French).WithPreloadedLanguageModels().Build();

    private readonly OtherLanguageDetector _other = new();

    public LanguageDetection Detect(string cleanText, string? declaredLanguage)
    {
        var declared = NormaliseDeclared(declaredLanguage);
        var text = cleanText.Length > MaxCharacters ? MessageText.TruncateAtWord(cleanText, MaxCharacters) : cleanText;
        var letters = text.Count(char.IsLetter);
        if (letters < MinimumLetters)
        {
            return new LanguageDetection(declared ?? "en", declared is null ? 0.0 : 0.5, false);
        }

        var (language, confidence) = Classify(text);
        if (_other.Detect(text) is { } other)
        {
            // Handled in the form's language when there is one; the closer of English and French otherwise.
            return new LanguageDetection(declared ?? language, Math.Min(confidence, 1 - other.Confidence), false, other.IsoCode, other.Confidence);
        }

        if (declared is not null && declared != language && confidence < 0.7)
        {
            // An ambiguous text (a name, "Merci", "OK") is better read in the language of the form.
            (language, confidence) = (declared, 1 - confidence);
        }

        return new LanguageDetection(language, confidence, IsMixed(text));
    }

    private (string Language, double Confidence) Classify(string text)
    {
        var values = _detector.ComputeLanguageConfidenceValues(text);
        var english = 0.0;
        var french = 0.0;
        foreach (var (language, value) in values)
        {
            if (language == Language.English)
            {
                english = value;
            }
            else if (language == Language.French)
            {
                french = value;
            }
        }

        if (english + french <= 0)
        {
            return ("en", 0.0);
        }

        return french > english ? ("fr", french / (english + french)) : ("en", english / (english + french));
    }

    private bool IsMixed(string text)
    {
        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count < 2)
        {
            return false;
        }

        var englishLetters = 0;
        var frenchLetters = 0;
        foreach (var sentence in sentences)
        {
            var letters = sentence.Count(char.IsLetter);
            if (letters < 12)
            {
                continue;
            }

            var (language, confidence) = Classify(sentence);
            if (confidence < 0.8)
            {
                continue;
            }

            if (language == "fr")
            {
                frenchLetters += letters;
            }
            else
            {
                englishLetters += letters;
            }
        }

        var total = englishLetters + frenchLetters;
        return total > 0 && Math.Min(englishLetters, frenchLetters) >= 0.2 * total;
    }

    private static string? NormaliseDeclared(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        var code = declared.Trim().ToLowerInvariant();
        return code.StartsWith("fr", StringComparison.Ordinal) ? "fr" : code.StartsWith("en", StringComparison.Ordinal) ? "en" : null;
    }
}

using Lingua;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>The language of a lead and how sure the detector is.</summary>
internal sealed record LanguageDetection(string Language, double Confidence, bool IsMixed);

/// <summary>
/// English/French detection with Lingua restricted to those two languages (fast, and accurate on
/// short messages). Text with too few letters (empty, emoji, a phone number) falls back to the
/// declared form language, else English, with a low confidence. A message whose sentences are
/// substantially in both languages is flagged as mixed and labelled by the larger share.
/// </summary>
internal sealed class LanguageDetector
{
    private const int MaxCharacters = 1500;
    private const int MinimumLetters = 3;
    private readonly Lingua.LanguageDetector _detector =
        LanguageDetectorBuilder.FromLanguages(Language.English, Language.French).WithPreloadedLanguageModels().Build();

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

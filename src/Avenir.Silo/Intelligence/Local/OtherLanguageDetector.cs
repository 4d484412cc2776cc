using Lingua;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>A language other than English or French, as an ISO 639-1 code, and how sure Lingua is of it.</summary>
internal sealed record OtherLanguage(string IsoCode, double Confidence);

/// <summary>
/// Tells whether a lead is written in a language other than English and French (Spanish, German,
/// Chinese…), so it is never silently taken for English. Lingua in low-accuracy mode (trigram models
/// only: about 2 MB for all the languages below, a few MB of memory) names the language of the first
/// few hundred characters. A non-Latin script is evidence enough; a Latin-script language must also
/// show its own function words (<see cref="FunctionWords"/>) more than English or French ones, because
/// the statistical scores alone send keyboard mashing and English link-farm spam to Tagalog or Polish.
/// </summary>
internal sealed class OtherLanguageDetector
{
    /// <summary>ISO 639-2 "undetermined": a script that none of the configured languages uses.</summary>
    public const string Undetermined = "und";

    /// <summary>The languages named besides English and French; the csproj ships their trigram models (keep the two lists in step).</summary>
    public static readonly Language[] Languages =
    [
        // Latin script, each with function words.
        Language.Spanish, Language.Portuguese, Language.Italian, Language.German, Language.Dutch, Language.Polish,
        Language.Romanian, Language.Turkish, Language.Vietnamese, Language.Tagalog,
        // Other scripts: the script decides, the trigrams separate languages that share it.
        Language.Chinese, Language.Japanese, Language.Korean, Language.Arabic, Language.Persian, Language.Urdu,
        Language.Hindi, Language.Marathi, Language.Punjabi, Language.Gujarati, Language.Bengali, Language.Tamil,
        Language.Telugu, Language.Sinhala, Language.Russian, Language.Ukrainian, Language.Belarusian, Language.Bulgarian,
        Language.Macedonian, Language.Serbian, Language.Kazakh, Language.Mongolian, Language.Greek, Language.Hebrew,
        Language.Armenian, Language.Georgian, Language.Thai, Language.Amharic,
    ];

    private const int SampleCharacters = 400;
    private const double MinimumConfidence = 0.5;
    private const int MinimumFunctionWords = 2;
    private const double MinimumFunctionWordShare = 0.2;

    private readonly Lingua.LanguageDetector _detector = LanguageDetectorBuilder
        .FromLanguages([Language.English, Language.French, .. Languages])
        .WithLowAccuracyMode()
        .WithPreloadedLanguageModels()
        .Build();

    /// <summary>The other language of <paramref name="cleanText"/>, or null when it is English, French, mixed of both, or cannot tell.</summary>
    public OtherLanguage? Detect(string cleanText)
    {
        var sample = MessageText.TruncateAtWord(cleanText, SampleCharacters);
        var letters = 0;
        var latin = 0;
        foreach (var c in sample)
        {
            if (char.IsLetter(c))
            {
                letters++;
                latin += IsLatin(c) ? 1 : 0;
            }
        }

        if (letters < 2)
        {
            return null;
        }

        var ranked = _detector.ComputeLanguageConfidenceValues(sample)
            .Where(pair => pair.Value > 0 && pair.Key is not Language.English and not Language.French)
            .ToList();
        if (latin < letters / 2)
        {
            // Mostly another script: not English or French whatever the scores say.
            return ranked.Count > 0 ? new OtherLanguage(Code(ranked[0].Key), ranked[0].Value) : new OtherLanguage(Undetermined, 0.5);
        }

        var words = MessageText.Words(MessageText.Fold(sample)).Where(word => word[0] != '0').ToList();
        if (words.Count < 2)
        {
            return null;
        }

        var englishOrFrench = FunctionWords.EnglishOrFrenchHits(words);
        foreach (var (language, confidence) in ranked.Take(2))
        {
            var code = Code(language);
            if (confidence < (ranked[0].Key == language ? MinimumConfidence : 0.2) || !FunctionWords.Knows(code))
            {
                continue;
            }

            var hits = FunctionWords.Hits(code, words) + UniqueCharacterHits(language, sample);
            if (hits >= MinimumFunctionWords && hits >= MinimumFunctionWordShare * words.Count && hits > englishOrFrench)
            {
                return new OtherLanguage(code, confidence);
            }
        }

        return null;
    }

    private static string Code(Language language) => language.IsoCode6391().ToString().ToLowerInvariant();

    private static int UniqueCharacterHits(Language language, string text)
    {
        var unique = LanguageInfo.UniqueCharacters(language);
        return string.IsNullOrEmpty(unique) ? 0 : Math.Min(text.Count(c => unique.Contains(c, StringComparison.Ordinal)), 3);
    }

    private static bool IsLatin(char c) =>
        c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LetterNumber;
}

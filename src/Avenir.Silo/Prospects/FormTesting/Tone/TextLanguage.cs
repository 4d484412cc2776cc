namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>
/// English or French by counting each language's commonest words: cheap, deterministic and good enough to tell
/// whether an answer is in the inquiry's language (the enrichment's Lingua detector is not needed here).
/// </summary>
public static class TextLanguage
{
    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "et", "nous", "vous", "pour", "votre", "vos", "est", "une", "avec", "sur", "du", "au", "aux", "merci", "bonjour",
        "dans", "pas", "que", "qui", "je", "mon", "ce", "ou", "sont",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "and", "we", "you", "for", "your", "is", "with", "our", "of", "to", "on", "in", "us", "thank", "thanks", "hi", "hello", "will", "be",
        "are", "this", "it", "that", "can", "please",
    };

    /// <summary><c>en</c>, <c>fr</c>, or null when the text has too few common words to say.</summary>
    public static string? Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var french = 0;
        var english = 0;
        foreach (var word in Words(text))
        {
            french += French.Contains(word) ? 1 : 0;
            english += English.Contains(word) ? 1 : 0;
        }

        if (french + english < 2)
        {
            return null;
        }

        return french > english ? "fr" : english > french ? "en" : null;
    }

    /// <summary>Lower-case words (letters and apostrophes split).</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}

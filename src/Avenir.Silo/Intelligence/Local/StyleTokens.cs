namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// How a message is written rather than what it says: the opening word as typed, the case of the
/// first letter, punctuation runs, emoji, line layout, length and the closing word. The n-grams are
/// folded (lower case, letters only), so without these tokens "Hi!", "hi" and "Hello," look alike;
/// tone (Casual vs Friendly vs Professional vs Formal) lives largely in exactly these differences.
/// The tokens are hashed like the n-grams; their weights are learned.
/// </summary>
internal static class StyleTokens
{
    // Folded greetings and closings worth a token of their own; any other first word is "other".
    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal)
    {
        "hi", "hii", "hello", "hey", "heya", "yo", "dear", "good", "greetings", "howdy", "morning", "afternoon", "evening",
        "bonjour", "bonsoir", "salut", "allo", "alo", "coucou", "madame", "monsieur", "maitre", "cher", "chere", "bonne", "hola",
    };

    public static List<string> Of(PreparedLead lead)
    {
        var tokens = new List<string>(24);
        var text = lead.CleanMessage;
        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        if (letters == 0)
        {
            tokens.Add("no-letters");
            return tokens;
        }

        AddOpening(tokens, text);
        if (letters >= 12 && upper == 0)
        {
            tokens.Add("all-lower");
        }
        else if (letters >= 12 && upper > 0.6 * letters)
        {
            tokens.Add("mostly-caps");
        }

        AddEnding(tokens, text);
        AddRuns(tokens, text);
        AddSentences(tokens, text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        tokens.Add(lines switch { 1 => "lines:1", <= 3 => "lines:2-3", _ => "lines:4+" });
        var words = lead.Words.Count;
        tokens.Add(words switch { <= 5 => "len:5", <= 12 => "len:12", <= 30 => "len:30", <= 60 => "len:60", <= 120 => "len:120", _ => "len:more" });
        return tokens;
    }

    private static void AddOpening(List<string> tokens, string text)
    {
        var start = 0;
        while (start < text.Length && !char.IsLetter(text[start]))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        var word = text[start..end];
        tokens.Add(char.IsUpper(word[0]) ? "first:upper" : "first:lower");
        var folded = MessageText.Fold(word);
        var greeting = Greetings.Contains(folded) ? folded : "other";
        var after = end < text.Length ? text[end] : '\0';
        var mark = after switch
        {
            '!' => "!",
            ',' => ",",
            '\n' => "nl",
            '.' => ".",
            ' ' => "sp",
            '\0' => "end",
            _ => "x",
        };
        tokens.Add("greet:" + greeting);
        tokens.Add("greet:" + greeting + mark);
        // The word as typed: "Hi" and "hi" and "HI" are different openings.
        tokens.Add("open:" + (word.Length > 12 ? word[..12] : word));
    }

    private static void AddEnding(List<string> tokens, string text)
    {
        var last = text.TrimEnd();
        var rune = Rune.GetRuneAt(last, last.Length - 1 - (char.IsLowSurrogate(last[^1]) && last.Length > 1 ? 1 : 0));
        tokens.Add("end:" + Kind(rune));
    }

    private static void AddRuns(List<string> tokens, string text)
    {
        if (text.Contains("!!", StringComparison.Ordinal))
        {
            tokens.Add("run:!!");
        }

        if (text.Contains("??", StringComparison.Ordinal))
        {
            tokens.Add("run:??");
        }

        if (text.Contains("...", StringComparison.Ordinal) || text.Contains('\u2026', StringComparison.Ordinal))
        {
            tokens.Add("run:...");
        }

        foreach (var smiley in new[] { ":)", ":-)", ";)", ":D", ":(", ":P", "xD", "<3" })
        {
            if (text.Contains(smiley, StringComparison.Ordinal))
            {
                tokens.Add("smiley");
                break;
            }
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol)
            {
                tokens.Add("emoji");
                tokens.Add("emoji:" + rune.ToString());
            }
        }
    }

    private static void AddSentences(List<string> tokens, string text)
    {
        var sentences = SentenceSplitter.Split(text);
        foreach (var sentence in sentences.Skip(1))
        {
            if (char.IsLower(sentence[0]))
            {
                tokens.Add("sentence-lower");
            }
        }

        var padded = " " + text + " ";
        if (padded.Contains(" i ", StringComparison.Ordinal)
            || padded.Contains(" i'm ", StringComparison.Ordinal)
            || padded.Contains(" im ", StringComparison.Ordinal))
        {
            tokens.Add("lower-i");
        }

        foreach (var word in text.Split([' ', '\n', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length >= 5 && word.All(char.IsUpper))
            {
                tokens.Add("caps-word");
            }

            var apostrophe = word.IndexOfAny(['\'', '\u2019']);
            if (apostrophe > 0 && apostrophe < word.Length - 1 && IsEnglishContraction(word[(apostrophe + 1)..]))
            {
                tokens.Add("contraction");
            }
        }

        if (sentences.Count > 1)
        {
            // The closing sentence when it is short: "Thanks!", "Merci beaucoup", "Regards, Ann", "Cordialement".
            var closing = MessageText.Words(MessageText.Fold(sentences[^1]));
            if (closing.Count is > 0 and <= 4)
            {
                tokens.Add("close:" + closing[0]);
            }
        }
    }

    private static bool IsEnglishContraction(string tail)
    {
        var letters = new string(tail.TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
        return letters is "m" or "re" or "s" or "t" or "ve" or "ll" or "d";
    }

    private static string Kind(Rune rune)
    {
        if (Rune.IsLetter(rune))
        {
            return "letter";
        }

        if (Rune.IsDigit(rune))
        {
            return "digit";
        }

        return rune.Value switch
        {
            '.' => ".",
            '!' => "!",
            '?' => "?",
            ')' => ")",
            _ => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol ? "emoji" : "other",
        };
    }
}

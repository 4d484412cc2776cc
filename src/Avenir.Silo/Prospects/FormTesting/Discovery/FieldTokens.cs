using Avenir.Infrastructure.Text;

namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>Splits attribute and label text into comparable words: lower case, no accents, on non-letters and camelCase.</summary>
internal static class FieldTokens
{
    public static List<string> Of(params string?[] texts)
    {
        var tokens = new List<string>();
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var word = new StringBuilder();
            var plain = TextFolding.WithoutAccents(text);
            for (var i = 0; i < plain.Length; i++)
            {
                var c = plain[i];
                // "firstName" → first, name; "your-email" → your, email.
                var camelBreak = char.IsUpper(c) && i > 0 && char.IsLower(plain[i - 1]);
                if (!char.IsLetterOrDigit(c) || camelBreak)
                {
                    Flush(word, tokens);
                }

                if (char.IsLetterOrDigit(c))
                {
                    word.Append(char.ToLowerInvariant(c));
                }
            }

            Flush(word, tokens);
        }

        return tokens;
    }

    /// <summary>The text without accents, lower case (for phrase checks such as "nom de famille").</summary>
    public static string Flat(string? text) => string.Join(' ', Of(text));

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}

using System.Text.RegularExpressions;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>Splits cleaned text into sentences at . ! ? … and line breaks, keeping the punctuation.</summary>
internal static partial class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var piece in Boundary().Split(text))
        {
            var sentence = piece.Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }
        }

        return sentences;
    }

    // Split after terminal punctuation followed by a space, or at a line break; "3.5" and "e.g." mid-word stay intact.
    [GeneratedRegex(@"(?<=[.!?\u2026])\s+(?=\S)|\n+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Boundary();
}

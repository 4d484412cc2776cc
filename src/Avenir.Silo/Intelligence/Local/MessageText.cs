using System.Net;
using System.Text.RegularExpressions;
using Avenir.Infrastructure.Text;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Cleans form text before any model sees it: HTML removed, whitespace collapsed, length capped;
/// and folds it (lower case, no accents) for the n-gram features, because visitors type French
/// with and without accents ("deja", "déjà") and both must hit the same features.
/// </summary>
internal static partial class MessageText
{
    /// <summary>Characters kept for the n-gram features; longer messages are cut (the gist is at the start).</summary>
    public const int MaxFeatureCharacters = 3000;

    /// <summary>Characters sent to the sentence encoder; its cost grows with length and it reads 256 word pieces at most.</summary>
    public const int MaxEmbeddingCharacters = 700;

    /// <summary>Characters kept at all; a 20,000-character paste is cut to this before anything else.</summary>
    public const int MaxCleanCharacters = 6000;

    /// <summary>Removes HTML (script and style bodies included), decodes entities and collapses whitespace.</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        // Cut generously before the regexes so a huge paste costs little.
        var text = raw.Length > MaxCleanCharacters * 2 ? raw[..(MaxCleanCharacters * 2)] : raw;
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = ScriptOrStyle().Replace(text, " ");
            text = BlockTag().Replace(text, "\n");
            text = AnyTag().Replace(text, " ");
        }

        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        text = HorizontalSpace().Replace(text, " ");
        text = BlankLines().Replace(text, "\n").Trim();
        return text.Length > MaxCleanCharacters ? text[..MaxCleanCharacters] : text;
    }

    /// <summary>Lower case, accents removed, typographic apostrophes and ligatures made plain.</summary>
    public static string Fold(string text)
    {
        var plain = TextFolding.WithoutAccents(text.ToLowerInvariant());
        var builder = new StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            switch (c)
            {
                case '\u2019' or '\u2018' or '`' or '\u00b4':
                    builder.Append('\'');
                    break;
                case '\u0153':
                    builder.Append("oe");
                    break;
                case '\u00e6':
                    builder.Append("ae");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Word tokens of folded text: runs of letters or digits; every digit becomes '0' so phone
    /// numbers, prices and dates share features.
    /// </summary>
    public static List<string> Words(string folded)
    {
        var words = new List<string>(folded.Length / 5 + 4);
        var current = new StringBuilder(24);
        foreach (var c in folded)
        {
            if (char.IsLetter(c))
            {
                current.Append(c);
            }
            else if (char.IsDigit(c))
            {
                current.Append('0');
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Cuts text to at most <paramref name="maxLength"/> characters at a word boundary when one is near.</summary>
    public static string TruncateAtWord(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return (cut > maxLength / 2 ? text[..cut] : text[..maxLength]).TrimEnd();
    }

    [GeneratedRegex(@"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr)\b[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]{0,500}>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t\u00a0\r\f\v]+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HorizontalSpace();

    [GeneratedRegex(@"\s*\n\s*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlankLines();
}

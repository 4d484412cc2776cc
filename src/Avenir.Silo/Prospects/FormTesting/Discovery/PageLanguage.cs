using AngleSharp.Dom;

namespace Avenir.Silo.Prospects.FormTesting.Discovery;

/// <summary>
/// A page's language, English or French: <c>&lt;html lang&gt;</c>, else <c>og:locale</c>, else a count of common
/// French and English words in its text (cheap, and enough to choose the inquiry's language).
/// </summary>
internal static class PageLanguage
{
    private static readonly HashSet<string> French =
        new(StringComparer.Ordinal) { "le", "la", "les", "des", "et", "nous", "vous", "pour", "votre", "est", "une", "avec", "sur", "du", "au" };
    private static readonly HashSet<string> English =
        new(StringComparer.Ordinal) { "the", "and", "we", "you", "for", "your", "is", "with", "our", "of", "to", "on", "in", "us" };

    public static string Of(IDocument document)
    {
        var declared = document.DocumentElement?.GetAttribute("lang")
                       ?? document.QuerySelector("meta[property='og:locale']")?.GetAttribute("content");
        if (!string.IsNullOrWhiteSpace(declared))
        {
            var code = declared.Trim().ToLowerInvariant();
            if (code.StartsWith("fr", StringComparison.Ordinal))
            {
                return "fr";
            }

            if (code.StartsWith("en", StringComparison.Ordinal))
            {
                return "en";
            }
        }

        var words = FieldTokens.Of(document.Body?.TextContent);
        return words.Count(French.Contains) > words.Count(English.Contains) ? "fr" : "en";
    }
}

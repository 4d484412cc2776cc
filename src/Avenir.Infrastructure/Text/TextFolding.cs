using System.Globalization;
using System.Text;

namespace Avenir.Infrastructure.Text;

/// <summary>
/// The two text normalisations every matcher of EN/FR text needs (cue lists, CSV headers, form fields, similarity,
/// template output), written once: accents dropped, and whitespace runs collapsed.
/// </summary>
public static class TextFolding
{
    /// <summary>
    /// The text decomposed (NFD) with its combining marks dropped: "Créneau" → "Creneau". The result stays decomposed
    /// (Hangul as jamo, for instance); callers that compare with composed text normalise it back themselves.
    /// </summary>
    public static string WithoutAccents(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Every run of blank characters becomes one space; leading and trailing blanks go. Blank is
    /// <see cref="char.IsWhiteSpace(char)"/> unless <paramref name="isBlank"/> says otherwise.
    /// </summary>
    public static string CollapseWhitespace(string text, Func<char, bool>? isBlank = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        isBlank ??= char.IsWhiteSpace;
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (isBlank(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

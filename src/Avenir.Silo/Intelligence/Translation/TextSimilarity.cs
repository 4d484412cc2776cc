using Avenir.Infrastructure.Text;

namespace Avenir.Silo.Intelligence.Translation;

/// <summary>Normalisation and edit-distance similarity for glossary look-ups.</summary>
public static class TextSimilarity
{
    /// <summary>Lower case, trimmed, inner whitespace collapsed (accents kept: "côte" and "cote" differ in French).</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary><see cref="Normalize"/> without diacritics, for fuzzy matching ("rendez vous" ≈ "rendez-vous", "creneau" ≈ "créneau").</summary>
    public static string Fold(string text) => TextFolding.WithoutAccents(Normalize(text)).Normalize(NormalizationForm.FormC);

    /// <summary>1 − Levenshtein distance / length of the longer string (1 = identical, 0 = nothing in common).</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        return 1.0 - (double)Levenshtein(a, b) / Math.Max(a.Length, b.Length);
    }

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

namespace Avenir.Silo.Prospects.Sources;

/// <summary>Small normalisations every adapter applies to provider fields.</summary>
internal static class SourceText
{
    /// <summary>Trimmed, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Lower case (invariant), trimmed, or null.</summary>
    public static string? Lower(string? value) => Clean(value)?.ToLowerInvariant();

    /// <summary>"quebec" → "Quebec", "lévis" → "Lévis": providers that lower-case everything read better title-cased.</summary>
    public static string? Title(string? value) => Clean(value) is { } text ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text) : null;
}

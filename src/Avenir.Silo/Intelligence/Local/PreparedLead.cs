namespace Avenir.Silo.Intelligence.Local;

/// <summary>A lead after cleaning: the text every stage (language, features, summary) works from.</summary>
internal sealed record PreparedLead(
    string CleanMessage,
    string FoldedMessage,
    IReadOnlyList<string> Words,
    string? Name,
    string? Email,
    string? Company,
    string? Phone)
{
    /// <summary>Cleans and folds a request once, so that no stage redoes it.</summary>
    public static PreparedLead From(LeadEnrichmentRequest request)
    {
        var clean = MessageText.Clean(request.Message);
        var forFeatures = MessageText.TruncateAtWord(clean, MessageText.MaxFeatureCharacters);
        var folded = MessageText.Fold(forFeatures);
        return new PreparedLead(
            clean,
            folded,
            MessageText.Words(folded),
            Trimmed(request.Name),
            Trimmed(request.Email),
            Trimmed(request.Company),
            Trimmed(request.Phone));
    }

    private static string? Trimmed(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : MessageText.Clean(value.Length > 300 ? value[..300] : value);
}

namespace Avenir.Silo.Intelligence.Translation;

/// <summary>The translator's reads of the verified glossary (reference data, readable by every session).</summary>
public static class TranslationQueries
{
    /// <summary>A verified glossary entry.</summary>
    public sealed record Term(string SourceText, string TranslatedText);

    /// <summary>The verified terms of a language pair, most trusted first.</summary>
    public static Task<IReadOnlyList<Term>> VerifiedTermsAsync(
        TenantTransaction transaction, string source, string target, CancellationToken cancellationToken) =>
        transaction.QueryAsync<Term>(
            """
            SELECT source_text, translated_text FROM translation_dictionary
             WHERE source_language = @source AND target_language = @target AND verified
             ORDER BY coalesce(confidence, 0) DESC, usage_count DESC
            """,
            new { source, target }, cancellationToken);
}

namespace Avenir.Silo.Intelligence.Translation;

/// <summary>The translator's statements on <c>translation_cache</c> (system transactions: agency-wide reference data).</summary>
public static class TranslationRows
{
    /// <summary>The cached translation, if fresh at <paramref name="now"/>, marked as used; null when there is none.</summary>
    public static Task<string?> TouchCachedAsync(
        TenantTransaction transaction, string text, string source, string target, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteScalarAsync<string>(
            """
            UPDATE translation_cache SET last_used_at = @now
             WHERE source_hash = md5(@text) AND source_text = @text AND source_language = @source AND target_language = @target AND expires_at > @now
            RETURNING translated_text
            """,
            new { text, source, target, now }, cancellationToken);

    public static Task StoreAsync(TenantTransaction transaction, string text, string source, string target, string translated, string contextType,
        DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO translation_cache (source_text, source_language, target_language, translated_text, context_type,
                created_at, updated_at, last_used_at, expires_at)
            VALUES (@text, @source, @target, @translated, @contextType, @now, @now, @now, @expiresAt)
            ON CONFLICT (source_hash, source_language, target_language) DO UPDATE
            SET translated_text = excluded.translated_text, context_type = excluded.context_type,
                updated_at = excluded.updated_at, last_used_at = excluded.last_used_at, expires_at = excluded.expires_at
            """,
            new { text, source, target, translated, contextType, now, expiresAt }, cancellationToken);

    /// <summary>Deletes the entries expired at <paramref name="now"/>; returns how many.</summary>
    public static Task<int> DeleteExpiredAsync(TenantTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("DELETE FROM translation_cache WHERE expires_at <= @now", new { now }, cancellationToken);
}

namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>A running test as the selectors need it: which prompt, in which language.</summary>
public sealed record RunningPromptTest(Guid TestId, string PromptName, string Language);

/// <summary>
/// The reads of the prompt registry and its running tests, in system transactions (agency tables under row-level
/// security). Tests and new versions are written by the prompt's experiment grain.
/// </summary>
public static class PromptRegistryQueries
{
    private const string Variant = "SELECT id, prompt_name, variant_id, variant_version AS version, language, prompt_text AS text FROM prompt_registry";

    /// <summary>Active variants of a prompt in a language, newest version first.</summary>
    public static Task<IReadOnlyList<PromptVariant>> ActiveVariantsAsync(
        TenantTransaction transaction, string promptName, string language, CancellationToken cancellationToken) =>
        transaction.QueryAsync<PromptVariant>(
            Variant + " WHERE prompt_name = @promptName AND language = @language AND is_active ORDER BY variant_version DESC, created_at DESC",
            new { promptName, language }, cancellationToken);

    public static Task<PromptVariant?> VariantAsync(TenantTransaction transaction, string variantId, CancellationToken cancellationToken) =>
        transaction.QuerySingleOrDefaultAsync<PromptVariant>(Variant + " WHERE variant_id = @variantId", new { variantId }, cancellationToken);

    /// <summary>Every running test (one query for all prompts: the selectors cache it for a few seconds).</summary>
    public static Task<IReadOnlyList<RunningPromptTest>> RunningTestsAsync(TenantTransaction transaction, CancellationToken cancellationToken) =>
        transaction.QueryAsync<RunningPromptTest>(
            """
            SELECT t.id AS test_id, t.prompt_name, c.language
              FROM prompt_ab_tests t
              JOIN prompt_registry c ON c.variant_id = t.control_variant_id
             WHERE t.status = 'running'
            """,
            cancellationToken: cancellationToken);
}

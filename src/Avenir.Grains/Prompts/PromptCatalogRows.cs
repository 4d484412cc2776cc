namespace Avenir.Grains.Prompts;

/// <summary>
/// The experiment grain's statements that add to a prompt's catalogue: draft tests (<c>prompt_ab_tests</c>) and new
/// versions (<c>prompt_registry</c>). System transactions (agency work, V12).
/// </summary>
public static class PromptCatalogRows
{
    /// <summary>A registry variant's prompt, language and version, or null.</summary>
    public static Task<PromptVariantKey?> FindVariantAsync(TenantTransaction transaction, string variantId) =>
        transaction.QuerySingleOrDefaultAsync<PromptVariantKey>(
            "SELECT variant_id, prompt_name, language FROM prompt_registry WHERE variant_id = @variantId", new { variantId });

    public static async Task<bool> TestNameTakenAsync(TenantTransaction transaction, string testName) =>
        await transaction.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM prompt_ab_tests WHERE test_name = @testName)", new { testName });

    /// <summary>Inserts a draft test. A duplicate name raises a unique violation (23505).</summary>
    public static Task<Guid> InsertTestAsync(TenantTransaction transaction, string promptName, PromptTestDraft test, DateTimeOffset now) =>
        transaction.QuerySingleAsync<Guid>(
            """
            INSERT INTO prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id,
                control_traffic_percentage, treatment_traffic_percentage, min_sample_size, max_duration_days,
                significance_level, status, created_at, updated_at)
            VALUES (@TestName, @promptName, @ControlVariantId, @TreatmentVariantId, @ControlTrafficPercentage, @TreatmentTrafficPercentage,
                    @MinSampleSize, @MaxDurationDays, @SignificanceLevel, 'draft', @now, @now)
            RETURNING id
            """,
            new
            {
                test.TestName,
                promptName,
                test.ControlVariantId,
                test.TreatmentVariantId,
                test.ControlTrafficPercentage,
                test.TreatmentTrafficPercentage,
                test.MinSampleSize,
                test.MaxDurationDays,
                test.SignificanceLevel,
                now,
            });

    /// <summary>
    /// A new, inactive version of <paramref name="parent"/>'s prompt in its language (version = newest + 1, variant id
    /// <c>name.language.vN</c>). Two concurrent creations for the same prompt collide on the version (unique violation 23505).
    /// </summary>
    public static Task<string> InsertVariantAsync(TenantTransaction transaction, PromptVariantKey parent, PromptVariantDraft draft, DateTimeOffset now) =>
        transaction.QuerySingleAsync<string>(
            """
            WITH next AS (
                SELECT coalesce(max(variant_version), 0) + 1 AS version
                  FROM prompt_registry WHERE prompt_name = @PromptName AND language = @Language)
            INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active, metadata, created_at, updated_at)
            SELECT @PromptName, next.version, @PromptName || '.' || @Language || '.v' || next.version, @text, @Language, false, @metadata, @now, @now
              FROM next
            RETURNING variant_id
            """,
            new
            {
                parent.PromptName,
                parent.Language,
                text = draft.PromptText,
                metadata = Sql.Jsonb(new { parentVariantId = parent.VariantId, evolutionType = draft.EvolutionType, notes = draft.Notes }),
                now,
            });
}

/// <summary>Which prompt and language a registry variant belongs to.</summary>
public sealed record PromptVariantKey(string VariantId, string PromptName, string Language);

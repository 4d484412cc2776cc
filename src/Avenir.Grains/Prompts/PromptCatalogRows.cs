using System.Text.Json;
using Avenir.Grains.Database;
using Avenir.Grains.Prompts.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Prompts;

/// <summary>One <c>prompt_ab_tests</c> row (language: the variants').</summary>
public sealed record PromptTestRow(
    Guid Id, string TestName, string PromptName, string Language, string ControlVariantId, string TreatmentVariantId,
    decimal ControlTrafficPercentage, decimal TreatmentTrafficPercentage, int MinSampleSize, int MaxDurationDays,
    decimal SignificanceLevel, string Status, PromptArmMetrics? ControlMetrics, PromptArmMetrics? TreatmentMetrics,
    double? PValue, double? QualityPValue, string? WinnerVariantId, string? EndReason,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

/// <summary>A test to create (status draft).</summary>
public sealed record NewPromptTest(
    string TestName, string PromptName, string ControlVariantId, string TreatmentVariantId, decimal ControlTrafficPercentage,
    decimal TreatmentTrafficPercentage, int MinSampleSize, int MaxDurationDays, decimal SignificanceLevel);

/// <summary>One <c>prompt_registry</c> row as the admin sees it (parent: the variant it was derived from, if any).</summary>
public sealed record PromptVariantRow(
    Guid Id, string PromptName, string VariantId, int Version, string Language, string PromptText, bool IsActive,
    decimal? Score, long UsageCount, string? ParentVariantId, DateTimeOffset CreatedAt);

/// <summary>One <c>prompt_evolution</c> row with the variant ids of its parent and child.</summary>
public sealed record PromptEvolutionRow(
    Guid Id, string PromptName, string ParentVariantId, string ChildVariantId, string EvolutionType, string? EvolutionStrategy,
    string? EvolutionAlgorithm, decimal? ImprovementScore, JsonElement ParentPerformance, JsonElement ChildPerformance,
    JsonElement FeedbackData, DateTimeOffset EvolvedAt);

/// <summary>
/// The admin API's SQL on the agency prompt tables (system transactions: the agency's admin, V12). The experiment
/// grain's own statements are in <see cref="PromptExperimentRows"/>.
/// </summary>
public static class PromptCatalogRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string TestColumns =
        """
        SELECT t.id, t.test_name, t.prompt_name, c.language, t.control_variant_id, t.treatment_variant_id,
               t.control_traffic_percentage, t.treatment_traffic_percentage, t.min_sample_size, t.max_duration_days,
               t.significance_level, t.status, t.control_metrics, t.treatment_metrics, t.statistical_significance,
               t.quality_p_value, t.winner_variant_id, t.end_reason, t.created_at, t.started_at, t.ended_at
          FROM prompt_ab_tests t
          JOIN prompt_registry c ON c.variant_id = t.control_variant_id
        """;

    private const string VariantColumns =
        """
        SELECT id, prompt_name, variant_id, variant_version, language, prompt_text, is_active, score, usage_count,
               metadata->>'parentVariantId', created_at
          FROM prompt_registry
        """;

    /// <summary>Tests newest first, optionally of one status.</summary>
    public static async Task<IReadOnlyList<PromptTestRow>> ListTestsAsync(TenantTransaction transaction, string? status, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            TestColumns + " WHERE $1::text IS NULL OR t.status = $1 ORDER BY t.created_at DESC, t.id",
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)status ?? DBNull.Value });
        return await ReadTestsAsync(command, cancellationToken);
    }

    public static async Task<PromptTestRow?> FindTestAsync(TenantTransaction transaction, Guid testId, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(TestColumns + " WHERE t.id = $1", testId);
        return await ReadTestsAsync(command, cancellationToken) is [var row, ..] ? row : null;
    }

    public static async Task<bool> TestNameTakenAsync(TenantTransaction transaction, string testName, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command("SELECT EXISTS (SELECT 1 FROM prompt_ab_tests WHERE test_name = $1)", testName);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Inserts a draft test. A duplicate name raises a unique violation (23505).</summary>
    public static async Task<Guid> InsertTestAsync(TenantTransaction transaction, NewPromptTest test, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            """
            INSERT INTO prompt_ab_tests (test_name, prompt_name, control_variant_id, treatment_variant_id,
                control_traffic_percentage, treatment_traffic_percentage, min_sample_size, max_duration_days,
                significance_level, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $10)
            RETURNING id
            """,
            test.TestName, test.PromptName, test.ControlVariantId, test.TreatmentVariantId, test.ControlTrafficPercentage,
            test.TreatmentTrafficPercentage, test.MinSampleSize, test.MaxDurationDays, test.SignificanceLevel, now);
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Variants by prompt and language (either may be null: all), by name, language, newest version first.</summary>
    public static async Task<IReadOnlyList<PromptVariantRow>> ListVariantsAsync(TenantTransaction transaction, string? promptName, string? language, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            VariantColumns + " WHERE ($1::text IS NULL OR prompt_name = $1) AND ($2::text IS NULL OR language = $2) ORDER BY prompt_name, language, variant_version DESC",
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)promptName ?? DBNull.Value },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)language ?? DBNull.Value });
        return await ReadVariantsAsync(command, cancellationToken);
    }

    public static async Task<PromptVariantRow?> FindVariantAsync(TenantTransaction transaction, string variantId, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(VariantColumns + " WHERE variant_id = $1", variantId);
        return await ReadVariantsAsync(command, cancellationToken) is [var row, ..] ? row : null;
    }

    /// <summary>
    /// A new, inactive version of <paramref name="parent"/>'s prompt in its language (version = newest + 1, variant id
    /// <c>name.language.vN</c>), remembering its parent so that it can be A/B tested against it. Two concurrent
    /// creations for the same prompt collide on the version (unique violation 23505).
    /// </summary>
    public static async Task<PromptVariantRow> InsertVariantAsync(TenantTransaction transaction, PromptVariantRow parent, string promptText,
        string evolutionType, string? notes, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var metadata = JsonSerializer.Serialize(new { parentVariantId = parent.VariantId, evolutionType, notes }, Json);
        await using var command = transaction.Command(
            """
            WITH next AS (
                SELECT coalesce(max(variant_version), 0) + 1 AS version
                  FROM prompt_registry WHERE prompt_name = $1 AND language = $2)
            INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, prompt_text, language, is_active, metadata, created_at, updated_at)
            SELECT $1, next.version, $1 || '.' || $2 || '.v' || next.version, $3, $2, false, $4, $5, $5
              FROM next
            RETURNING variant_id
            """,
            parent.PromptName, parent.Language, promptText, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = metadata }, now);
        var variantId = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        return (await FindVariantAsync(transaction, variantId, cancellationToken))!;
    }

    /// <summary>Evolution rows newest first, optionally of one prompt.</summary>
    public static async Task<IReadOnlyList<PromptEvolutionRow>> ListEvolutionAsync(TenantTransaction transaction, string? promptName, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            """
            SELECT e.id, p.prompt_name, p.variant_id, c.variant_id, e.evolution_type, e.evolution_strategy, e.evolution_algorithm,
                   e.improvement_score, e.parent_performance, e.child_performance, e.feedback_data, e.evolved_at
              FROM prompt_evolution e
              JOIN prompt_registry p ON p.id = e.parent_prompt_id
              JOIN prompt_registry c ON c.id = e.child_prompt_id
             WHERE $1::text IS NULL OR p.prompt_name = $1
             ORDER BY e.evolved_at DESC, e.id
            """,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)promptName ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PromptEvolutionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PromptEvolutionRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetDecimal(7),
                JsonDocument.Parse(reader.GetString(8)).RootElement.Clone(), JsonDocument.Parse(reader.GetString(9)).RootElement.Clone(),
                JsonDocument.Parse(reader.GetString(10)).RootElement.Clone(), reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<PromptTestRow>> ReadTestsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PromptTestRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PromptTestRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetDecimal(6), reader.GetDecimal(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetDecimal(10), reader.GetString(11),
                Metrics(reader.GetString(12)), Metrics(reader.GetString(13)),
                reader.IsDBNull(14) ? null : reader.GetDouble(14), reader.IsDBNull(15) ? null : reader.GetDouble(15),
                reader.IsDBNull(16) ? null : reader.GetString(16), reader.IsDBNull(17) ? null : reader.GetString(17),
                reader.GetFieldValue<DateTimeOffset>(18),
                reader.IsDBNull(19) ? null : reader.GetFieldValue<DateTimeOffset>(19),
                reader.IsDBNull(20) ? null : reader.GetFieldValue<DateTimeOffset>(20)));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<PromptVariantRow>> ReadVariantsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PromptVariantRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PromptVariantRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7), reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return rows;
    }

    /// <summary>The stored metrics JSON; '{}' (not measured yet) is null.</summary>
    private static PromptArmMetrics? Metrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("samples", out _) ? JsonSerializer.Deserialize<PromptArmMetrics>(json, Json) : null;
    }
}

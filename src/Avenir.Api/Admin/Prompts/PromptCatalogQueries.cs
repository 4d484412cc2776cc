using System.Text.Json;
using Avenir.Contracts.Prompts;

namespace Avenir.Api.Admin.Prompts;

/// <summary>
/// The admin API's reads of the agency prompt tables (system transactions: the agency's admin, V12). Tests and new
/// versions are written by the prompt's <see cref="IPromptExperimentGrain"/>.
/// </summary>
public sealed class PromptCatalogQueries(TenantDatabase database)
{
    private const string Tests =
        """
        SELECT t.id, t.test_name, t.prompt_name, c.language, t.control_variant_id, t.treatment_variant_id,
               t.control_traffic_percentage, t.treatment_traffic_percentage, t.min_sample_size, t.max_duration_days,
               t.significance_level, t.status, t.control_metrics, t.treatment_metrics, t.statistical_significance AS p_value,
               t.quality_p_value, t.winner_variant_id, t.end_reason, t.created_at, t.started_at, t.ended_at
          FROM prompt_ab_tests t
          JOIN prompt_registry c ON c.variant_id = t.control_variant_id
        """;

    private const string Variants =
        """
        SELECT id, prompt_name, variant_id, variant_version AS version, language, prompt_text, is_active, score, usage_count,
               metadata->>'parentVariantId' AS parent_variant_id, created_at
          FROM prompt_registry
        """;

    /// <summary>Tests newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<PromptTestRow>> ListTestsAsync(string? status, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<PromptTestRow>(
            Tests + " WHERE @status::text IS NULL OR t.status = @status ORDER BY t.created_at DESC, t.id", new { status }, cancellationToken);
    }

    public async Task<PromptTestRow?> FindTestAsync(Guid testId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<PromptTestRow>(Tests + " WHERE t.id = @testId", new { testId }, cancellationToken);
    }

    /// <summary>Variants by prompt and language (either may be null: all), by name, language, newest version first.</summary>
    public async Task<IReadOnlyList<PromptVariantRow>> ListVariantsAsync(string? promptName, string? language, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<PromptVariantRow>(
            Variants + """
                 WHERE (@promptName::text IS NULL OR prompt_name = @promptName) AND (@language::text IS NULL OR language = @language)
                 ORDER BY prompt_name, language, variant_version DESC
                """,
            new { promptName, language }, cancellationToken);
    }

    public async Task<PromptVariantRow?> FindVariantAsync(string variantId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<PromptVariantRow>(Variants + " WHERE variant_id = @variantId", new { variantId }, cancellationToken);
    }

    /// <summary>Evolution rows newest first, optionally of one prompt.</summary>
    public async Task<IReadOnlyList<PromptEvolutionRow>> ListEvolutionAsync(string? promptName, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<PromptEvolutionRow>(
            """
            SELECT e.id, p.prompt_name, p.variant_id AS parent_variant_id, c.variant_id AS child_variant_id, e.evolution_type,
                   e.evolution_strategy, e.evolution_algorithm, e.improvement_score, e.parent_performance, e.child_performance,
                   e.feedback_data, e.evolved_at
              FROM prompt_evolution e
              JOIN prompt_registry p ON p.id = e.parent_prompt_id
              JOIN prompt_registry c ON c.id = e.child_prompt_id
             WHERE @promptName::text IS NULL OR p.prompt_name = @promptName
             ORDER BY e.evolved_at DESC, e.id
            """,
            new { promptName }, cancellationToken);
    }
}

/// <summary>One <c>prompt_ab_tests</c> row (language: the variants'); the metrics JSON is <c>{}</c> until measured.</summary>
public sealed record PromptTestRow
{
    public Guid Id { get; init; }
    public required string TestName { get; init; }
    public required string PromptName { get; init; }
    public required string Language { get; init; }
    public required string ControlVariantId { get; init; }
    public required string TreatmentVariantId { get; init; }
    public decimal ControlTrafficPercentage { get; init; }
    public decimal TreatmentTrafficPercentage { get; init; }
    public int MinSampleSize { get; init; }
    public int MaxDurationDays { get; init; }
    public decimal SignificanceLevel { get; init; }
    public required string Status { get; init; }
    public JsonElement ControlMetrics { get; init; }
    public JsonElement TreatmentMetrics { get; init; }
    public double? PValue { get; init; }
    public double? QualityPValue { get; init; }
    public string? WinnerVariantId { get; init; }
    public string? EndReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public PromptArmMetrics? Control => Metrics(ControlMetrics);

    public PromptArmMetrics? Treatment => Metrics(TreatmentMetrics);

    private static PromptArmMetrics? Metrics(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("samples", out _) ? json.Deserialize<PromptArmMetrics>(Sql.Json) : null;
}

/// <summary>One <c>prompt_registry</c> row as the admin sees it (parent: the variant it was derived from, if any).</summary>
public sealed record PromptVariantRow(
    Guid Id, string PromptName, string VariantId, int Version, string Language, string PromptText, bool IsActive,
    decimal? Score, long UsageCount, string? ParentVariantId, DateTimeOffset CreatedAt);

/// <summary>One <c>prompt_evolution</c> row with the variant ids of its parent and child.</summary>
public sealed record PromptEvolutionRow(
    Guid Id, string PromptName, string ParentVariantId, string ChildVariantId, string EvolutionType, string? EvolutionStrategy,
    string? EvolutionAlgorithm, decimal? ImprovementScore, JsonElement ParentPerformance, JsonElement ChildPerformance,
    JsonElement FeedbackData, DateTimeOffset EvolvedAt);

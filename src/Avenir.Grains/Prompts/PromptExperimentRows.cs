namespace Avenir.Grains.Prompts;

/// <summary>How a test ended, as written to <c>prompt_ab_tests</c> (and, with a winner, the registry and evolution).</summary>
public sealed record PromptExperimentCompletion(
    PromptExperimentDefinition Test,
    PromptArmMetrics Control,
    PromptArmMetrics Treatment,
    double? PValue,
    double? QualityPValue,
    PromptArm? Winner,
    string EndReason,
    DateTimeOffset EndedAt);

/// <summary>
/// The experiment grain's statements on the agency tables <c>prompt_ab_tests</c>, <c>prompt_registry</c> and
/// <c>prompt_evolution</c> (system transactions: agency work, V12).
/// </summary>
public static class PromptExperimentRows
{
    public static Task<PromptExperimentDefinition?> FindRunningAsync(
        TenantTransaction transaction, string promptName, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<PromptExperimentDefinition>(
            """
            SELECT t.id, t.test_name, t.prompt_name, c.language,
                   c.variant_id AS control_variant_id, c.id AS control_registry_id,
                   r.variant_id AS treatment_variant_id, r.id AS treatment_registry_id,
                   t.control_traffic_percentage, t.min_sample_size, t.max_duration_days, t.significance_level, t.started_at
              FROM prompt_ab_tests t
              JOIN prompt_registry c ON c.variant_id = t.control_variant_id
              JOIN prompt_registry r ON r.variant_id = t.treatment_variant_id
             WHERE t.prompt_name = @promptName AND t.status = 'running'
            """,
            new { promptName }, cancellationToken);

    /// <summary>The prompt name and status of a test, or null.</summary>
    public static Task<PromptTestHeader?> FindHeaderAsync(TenantTransaction transaction, Guid testId) =>
        transaction.QuerySingleOrDefaultAsync<PromptTestHeader>("SELECT prompt_name, status FROM prompt_ab_tests WHERE id = @testId", new { testId });

    /// <summary>Draft → running. Throws a unique violation (23505) when another test of the prompt runs.</summary>
    public static async Task<bool> StartAsync(TenantTransaction transaction, Guid testId, DateTimeOffset now) =>
        await transaction.ExecuteAsync(
            "UPDATE prompt_ab_tests SET status = 'running', started_at = @now, updated_at = @now WHERE id = @testId AND status = 'draft'",
            new { testId, now }) == 1;

    /// <summary>Draft or running → cancelled (no winner), with the counts so far when it was running.</summary>
    public static async Task<bool> CancelAsync(TenantTransaction transaction, Guid testId, string promptName, DateTimeOffset now,
        PromptArmMetrics? control, PromptArmMetrics? treatment) =>
        await transaction.ExecuteAsync(
            """
            UPDATE prompt_ab_tests
               SET status = 'cancelled', end_reason = @reason, ended_at = @now, updated_at = @now,
                   control_metrics = coalesce(@control, control_metrics), treatment_metrics = coalesce(@treatment, treatment_metrics)
             WHERE id = @testId AND prompt_name = @promptName AND status IN ('draft', 'running')
            """,
            new { testId, promptName, now, reason = PromptTestStatuses.EndedByCancel, control = Sql.Jsonb(control), treatment = Sql.Jsonb(treatment) }) == 1;

    /// <summary>
    /// Running → completed with the metrics, p-values and winner; with a winner, promotes it in the registry and
    /// records the evolution parent (control) → child (treatment). False (nothing written) when the test was no
    /// longer running (cancelled meanwhile): the caller rolls back.
    /// </summary>
    public static async Task<bool> CompleteAsync(TenantTransaction transaction, PromptExperimentCompletion completion)
    {
        var test = completion.Test;
        var winnerVariantId = completion.Winner switch
        {
            PromptArm.Control => test.ControlVariantId,
            PromptArm.Treatment => test.TreatmentVariantId,
            _ => null,
        };
        var completed = await transaction.ExecuteAsync(
            """
            UPDATE prompt_ab_tests
               SET status = 'completed', end_reason = @EndReason, ended_at = @EndedAt, updated_at = @EndedAt,
                   control_metrics = @Control, treatment_metrics = @Treatment, statistical_significance = @PValue,
                   quality_p_value = @QualityPValue, winner_variant_id = @WinnerVariantId
             WHERE id = @Id AND status = 'running'
            """,
            new
            {
                test.Id,
                completion.EndReason,
                completion.EndedAt,
                Control = Sql.Jsonb(completion.Control),
                Treatment = Sql.Jsonb(completion.Treatment),
                PValue = Probability(completion.PValue),
                QualityPValue = Probability(completion.QualityPValue),
                WinnerVariantId = winnerVariantId,
            });
        if (completed != 1)
        {
            return false;
        }

        if (winnerVariantId is null)
        {
            return true;
        }

        // Winner active, loser retired; both scored with their measured success rate.
        await transaction.ExecuteAsync(
            """
            UPDATE prompt_registry
               SET is_active = (variant_id = @winnerVariantId),
                   score = CASE variant_id WHEN @ControlVariantId THEN @controlScore ELSE @treatmentScore END,
                   updated_at = @EndedAt
             WHERE variant_id IN (@ControlVariantId, @TreatmentVariantId)
            """,
            new
            {
                winnerVariantId,
                test.ControlVariantId,
                test.TreatmentVariantId,
                controlScore = Score(completion.Control.Rate),
                treatmentScore = Score(completion.Treatment.Rate),
                completion.EndedAt,
            });

        var feedback = new
        {
            abTestId = test.Id,
            testName = test.TestName,
            winnerVariantId,
            pValue = completion.PValue,
            qualityPValue = completion.QualityPValue,
            significanceLevel = test.SignificanceLevel,
        };
        await transaction.ExecuteAsync(
            """
            INSERT INTO prompt_evolution (parent_prompt_id, child_prompt_id, evolution_type, evolution_strategy,
                parent_performance, child_performance, improvement_score, feedback_data, optimization_goals,
                evolved_at, evolution_algorithm, created_at)
            SELECT @ControlRegistryId, @TreatmentRegistryId,
                   CASE WHEN child.metadata->>'evolutionType' IN ('mutation', 'crossover', 'optimization', 'manual_edit')
                        THEN child.metadata->>'evolutionType' ELSE 'manual_edit' END,
                   'ab_test', @parent, @child, @improvement, @feedback, ARRAY['success_rate', 'quality'], @EndedAt,
                   'two_proportion_z_test', @EndedAt
              FROM prompt_registry child
             WHERE child.id = @TreatmentRegistryId
            """,
            new
            {
                test.ControlRegistryId,
                test.TreatmentRegistryId,
                parent = Sql.Jsonb(completion.Control),
                child = Sql.Jsonb(completion.Treatment),
                improvement = Math.Round((decimal)(completion.Treatment.Rate - completion.Control.Rate), 3),
                feedback = Sql.Jsonb(feedback),
                completion.EndedAt,
            });
        return true;
    }

    private static decimal Score(double rate) => Math.Round((decimal)Math.Clamp(rate, 0, 1), 3);

    private static double? Probability(double? value) => value is { } v ? Math.Clamp(v, 0, 1) : null;
}

/// <summary>A test's prompt and status (<c>prompt_ab_tests</c>).</summary>
public sealed record PromptTestHeader(string PromptName, string Status);

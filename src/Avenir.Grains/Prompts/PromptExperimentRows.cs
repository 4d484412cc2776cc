using System.Text.Json;
using Avenir.Grains.Database;
using Avenir.Grains.Prompts.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Prompts;

/// <summary>A running test as the selectors need it: which prompt, in which language.</summary>
public sealed record RunningPromptTest(Guid TestId, string PromptName, string Language);

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
/// The experiment grain's SQL on the agency tables <c>prompt_ab_tests</c>, <c>prompt_registry</c> and
/// <c>prompt_evolution</c> (system transactions: agency work, V12).
/// </summary>
public static class PromptExperimentRows
{
    public const string EndedAtSampleSize = "sample_size_reached";
    public const string EndedAtMaxDuration = "max_duration";
    public const string EndedByCancel = "cancelled";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<PromptExperimentDefinition?> FindRunningAsync(TenantTransaction transaction, string promptName, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            """
            SELECT t.id, t.test_name, t.prompt_name, c.language, c.variant_id, c.id, r.variant_id, r.id,
                   t.control_traffic_percentage, t.min_sample_size, t.max_duration_days, t.significance_level, t.started_at
              FROM prompt_ab_tests t
              JOIN prompt_registry c ON c.variant_id = t.control_variant_id
              JOIN prompt_registry r ON r.variant_id = t.treatment_variant_id
             WHERE t.prompt_name = $1 AND t.status = 'running'
            """,
            promptName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new PromptExperimentDefinition(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetGuid(5),
            reader.GetString(6), reader.GetGuid(7), reader.GetDecimal(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetDecimal(11),
            reader.GetFieldValue<DateTimeOffset>(12));
    }

    /// <summary>Every running test (one query for all prompts: the selectors cache it for a few seconds).</summary>
    public static async Task<IReadOnlyList<RunningPromptTest>> ListRunningAsync(TenantTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var command = transaction.Command(
            """
            SELECT t.id, t.prompt_name, c.language
              FROM prompt_ab_tests t
              JOIN prompt_registry c ON c.variant_id = t.control_variant_id
             WHERE t.status = 'running'
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tests = new List<RunningPromptTest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tests.Add(new RunningPromptTest(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return tests;
    }

    /// <summary>The prompt name and status of a test, or null.</summary>
    public static async Task<(string PromptName, string Status)?> FindHeaderAsync(TenantTransaction transaction, Guid testId)
    {
        await using var command = transaction.Command("SELECT prompt_name, status FROM prompt_ab_tests WHERE id = $1", testId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Draft → running. Throws a unique violation (23505) when another test of the prompt runs.</summary>
    public static async Task<bool> StartAsync(TenantTransaction transaction, Guid testId, DateTimeOffset now)
    {
        await using var command = transaction.Command(
            "UPDATE prompt_ab_tests SET status = 'running', started_at = $2, updated_at = $2 WHERE id = $1 AND status = 'draft'", testId, now);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Draft or running → cancelled (no winner), with the counts so far when it was running.</summary>
    public static async Task<bool> CancelAsync(TenantTransaction transaction, Guid testId, string promptName, DateTimeOffset now,
        PromptArmMetrics? control, PromptArmMetrics? treatment)
    {
        await using var command = transaction.Command(
            """
            UPDATE prompt_ab_tests
               SET status = 'cancelled', end_reason = 'cancelled', ended_at = $3, updated_at = $3,
                   control_metrics = coalesce($4, control_metrics), treatment_metrics = coalesce($5, treatment_metrics)
             WHERE id = $1 AND prompt_name = $2 AND status IN ('draft', 'running')
            """,
            testId, promptName, now, JsonParameter(control), JsonParameter(treatment));
        return await command.ExecuteNonQueryAsync() == 1;
    }

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
        await using (var command = transaction.Command(
            """
            UPDATE prompt_ab_tests
               SET status = 'completed', end_reason = $2, ended_at = $3, updated_at = $3,
                   control_metrics = $4, treatment_metrics = $5, statistical_significance = $6, quality_p_value = $7,
                   winner_variant_id = $8
             WHERE id = $1 AND status = 'running'
            """,
            test.Id, completion.EndReason, completion.EndedAt, JsonParameter(completion.Control), JsonParameter(completion.Treatment),
            DoubleParameter(completion.PValue), DoubleParameter(completion.QualityPValue),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)winnerVariantId ?? DBNull.Value }))
        {
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                return false;
            }
        }

        if (winnerVariantId is null)
        {
            return true;
        }

        // Winner active, loser retired; both scored with their measured success rate.
        await using (var promote = transaction.Command(
            """
            UPDATE prompt_registry
               SET is_active = (variant_id = $1),
                   score = CASE variant_id WHEN $2 THEN $4 ELSE $5 END,
                   updated_at = $6
             WHERE variant_id IN ($2, $3)
            """,
            winnerVariantId, test.ControlVariantId, test.TreatmentVariantId,
            Score(completion.Control.Rate), Score(completion.Treatment.Rate), completion.EndedAt))
        {
            await promote.ExecuteNonQueryAsync();
        }

        var feedback = JsonSerializer.Serialize(new
        {
            abTestId = test.Id,
            testName = test.TestName,
            winnerVariantId,
            pValue = completion.PValue,
            qualityPValue = completion.QualityPValue,
            significanceLevel = test.SignificanceLevel,
        }, Json);
        await using (var evolution = transaction.Command(
            """
            INSERT INTO prompt_evolution (parent_prompt_id, child_prompt_id, evolution_type, evolution_strategy,
                parent_performance, child_performance, improvement_score, feedback_data, optimization_goals,
                evolved_at, evolution_algorithm, created_at)
            SELECT $1, $2,
                   CASE WHEN child.metadata->>'evolutionType' IN ('mutation', 'crossover', 'optimization', 'manual_edit')
                        THEN child.metadata->>'evolutionType' ELSE 'manual_edit' END,
                   'ab_test', $3, $4, $5, $6, ARRAY['success_rate', 'quality'], $7, 'two_proportion_z_test', $7
              FROM prompt_registry child
             WHERE child.id = $2
            """,
            test.ControlRegistryId, test.TreatmentRegistryId, JsonParameter(completion.Control), JsonParameter(completion.Treatment),
            Math.Round((decimal)(completion.Treatment.Rate - completion.Control.Rate), 3),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = feedback }, completion.EndedAt))
        {
            await evolution.ExecuteNonQueryAsync();
        }

        return true;
    }

    private static decimal Score(double rate) => Math.Round((decimal)Math.Clamp(rate, 0, 1), 3);

    private static NpgsqlParameter DoubleParameter(double? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Double, Value = value is { } v ? Math.Clamp(v, 0, 1) : DBNull.Value };

    private static NpgsqlParameter JsonParameter(PromptArmMetrics? metrics) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Jsonb,
        Value = metrics is null ? DBNull.Value : JsonSerializer.Serialize(metrics, Json),
    };
}

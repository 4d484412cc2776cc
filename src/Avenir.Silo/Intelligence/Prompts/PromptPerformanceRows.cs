namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>The statements of <see cref="PromptPerformanceLog"/>: one <c>prompt_performance</c> row and the variant's use count.</summary>
public static class PromptPerformanceRows
{
    public static async Task InsertAsync(TenantTransaction transaction, PromptExecutionRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync(
            """
            INSERT INTO prompt_performance (prompt_registry_id, execution_id, client_id, ab_test_id, input_data, output_data,
                output_quality_score, consistency_score, response_time_ms, token_count, cost_usd, error_occurred, error_message,
                model_name, executed_at, environment, created_at, updated_at)
            VALUES (@variantId, @ExecutionId, @ClientId, @abTestId, @input, @output, @quality, @quality, @latencyMs, @tokens, @cost,
                    @failed, @error, @Model, @now, @Environment, @now, @now)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                variantId = record.Variant.Id,
                record.ExecutionId,
                record.ClientId,
                abTestId = record.Variant.AbTestId,
                input = Sql.Jsonb(record.Input),
                output = Sql.Jsonb(record.Output),
                quality = Math.Round((decimal)Math.Clamp(record.Quality, 0, 1), 3),
                latencyMs = (int)Math.Min(int.MaxValue, Math.Max(0, record.Latency.TotalMilliseconds)),
                tokens = record.Tokens is { } t ? (int?)Math.Min(int.MaxValue, t) : null,
                cost = record.CostUsd is { } c ? (decimal?)Math.Round(c, 6) : null,
                failed = record.Error is not null,
                error = record.Error is { Length: > 2000 } error ? error[..2000] : record.Error,
                record.Model,
                now,
                record.Environment,
            },
            cancellationToken);
        await transaction.ExecuteAsync(
            "UPDATE prompt_registry SET usage_count = usage_count + 1, updated_at = @now WHERE id = @id",
            new { id = record.Variant.Id, now }, cancellationToken);
    }
}

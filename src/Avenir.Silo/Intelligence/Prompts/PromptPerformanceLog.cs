using System.Text.Json;
using Avenir.Grains.Database;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Silo.Intelligence.Prompts;

/// <summary>One LLM execution of a prompt variant, as logged in <c>prompt_performance</c>.</summary>
public sealed record PromptExecutionRecord(
    PromptVariant Variant,
    Guid? ClientId,
    string Model,
    TimeSpan Latency,
    long? Tokens,
    decimal? CostUsd,
    double Quality,
    string? Error,
    JsonElement Input,
    JsonElement? Output,
    string Environment)
{
    public Guid ExecutionId { get; init; } = Guid.NewGuid();
}

/// <summary>
/// Writes <c>prompt_performance</c> (a tenant table; client_id NULL for agency-wide work such as translations)
/// and counts the use on the variant (<c>prompt_registry.usage_count</c>, an agency table) in one system
/// transaction: the executions run in job workers, trusted server work.
/// </summary>
public sealed class PromptPerformanceLog(TenantDatabase database, TimeProvider time)
{
    public async Task RecordAsync(PromptExecutionRecord record, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using (var command = transaction.Command(
            """
            INSERT INTO prompt_performance (prompt_registry_id, execution_id, client_id, ab_test_id, input_data, output_data,
                output_quality_score, consistency_score, response_time_ms, token_count, cost_usd, error_occurred, error_message,
                model_name, executed_at, environment, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $14)
            ON CONFLICT DO NOTHING
            """,
            record.Variant.Id, record.ExecutionId,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)record.ClientId ?? DBNull.Value },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)record.Variant.AbTestId ?? DBNull.Value },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = record.Input.GetRawText() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)record.Output?.GetRawText() ?? DBNull.Value },
            Math.Round((decimal)Math.Clamp(record.Quality, 0, 1), 3),
            (int)Math.Min(int.MaxValue, Math.Max(0, record.Latency.TotalMilliseconds)),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = record.Tokens is { } t ? (int)Math.Min(int.MaxValue, t) : DBNull.Value },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = record.CostUsd is { } c ? Math.Round(c, 6) : DBNull.Value },
            record.Error is not null,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)Truncate(record.Error) ?? DBNull.Value },
            record.Model, now, record.Environment))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var count = transaction.Command(
            "UPDATE prompt_registry SET usage_count = usage_count + 1, updated_at = $2 WHERE id = $1", record.Variant.Id, now))
        {
            await count.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}

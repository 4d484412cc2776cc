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
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await PromptPerformanceRows.InsertAsync(transaction, record, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

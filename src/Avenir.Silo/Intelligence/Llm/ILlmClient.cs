namespace Avenir.Silo.Intelligence.Llm;

/// <summary>
/// One chat completion: a system prompt (from the prompt registry) and a user message, optionally
/// constrained to JSON matching <see cref="JsonSchema"/> (structured output where the provider supports it).
/// </summary>
public sealed record LlmRequest(string SystemPrompt, string UserMessage, string? JsonSchema = null, string SchemaName = "result", int MaxOutputTokens = 600);

/// <summary>What the model answered, with its token usage when the provider reports it.</summary>
public sealed record LlmReply(string Text, string Model, long? InputTokens, long? OutputTokens)
{
    public long? TotalTokens => InputTokens is null && OutputTokens is null ? null : (InputTokens ?? 0) + (OutputTokens ?? 0);
}

/// <summary>
/// The configured LLM behind Semantic Kernel / Microsoft.Extensions.AI. Throws on any failure (HTTP error,
/// timeout, open circuit); callers fall back to the local engine.
/// </summary>
public interface ILlmClient
{
    /// <summary>Provider and model as recorded with predictions, e.g. <c>openai:gpt-4o-mini</c>.</summary>
    string ModelName { get; }

    Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellationToken = default);
}

using Microsoft.Extensions.AI;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>
/// Any <see cref="IChatClient"/> (Ollama through OllamaSharp's <c>OllamaApiClient</c>): structured output as
/// <see cref="ChatResponseFormat.ForJsonSchema"/> (Ollama's <c>format</c>), usage from <see cref="ChatResponse.Usage"/>.
/// </summary>
internal sealed class ChatClientLlmClient(IChatClient chat, string provider, string model) : ILlmClient, IDisposable
{
    /// <summary>The client owns its chat client (the container disposes the singleton, and with it the connection).</summary>
    public void Dispose() => chat.Dispose();

    public string ModelName => $"{provider}:{model}";

    public async Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellationToken = default)
    {
        var options = new ChatOptions
        {
            ModelId = model,
            Temperature = 0,
            MaxOutputTokens = request.MaxOutputTokens,
            ResponseFormat = request.JsonSchema is null
                ? null
                : ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(request.JsonSchema).RootElement.Clone(), request.SchemaName),
        };
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, request.SystemPrompt), new ChatMessage(ChatRole.User, request.UserMessage)],
            options, cancellationToken);
        return new LlmReply(response.Text, $"{provider}:{response.ModelId ?? model}", response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
    }
}

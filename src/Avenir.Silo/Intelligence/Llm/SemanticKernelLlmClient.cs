using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAIChat = OpenAI.Chat;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>
/// OpenAI and Azure OpenAI through Semantic Kernel's connectors (<see cref="IChatCompletionService"/>), with
/// strict JSON-schema structured output and the token usage read from the response metadata.
/// </summary>
internal sealed class SemanticKernelLlmClient(IChatCompletionService chat, string provider, string model) : ILlmClient
{
    public string ModelName => $"{provider}:{model}";

    public async Task<LlmReply> CompleteAsync(LlmRequest request, CancellationToken cancellationToken = default)
    {
        var history = new ChatHistory();
        history.AddSystemMessage(request.SystemPrompt);
        history.AddUserMessage(request.UserMessage);
        var settings = new OpenAIPromptExecutionSettings
        {
            Temperature = 0,
            MaxTokens = request.MaxOutputTokens,
            ResponseFormat = request.JsonSchema is null
                ? null
                : OpenAIChat.ChatResponseFormat.CreateJsonSchemaFormat(request.SchemaName, BinaryData.FromString(request.JsonSchema), jsonSchemaIsStrict: true),
        };
        var message = await chat.GetChatMessageContentAsync(history, settings, kernel: null, cancellationToken);
        long? input = null, output = null;
        if (message.Metadata?.TryGetValue("Usage", out var usage) == true && usage is OpenAIChat.ChatTokenUsage tokens)
        {
            input = tokens.InputTokenCount;
            output = tokens.OutputTokenCount;
        }

        return new LlmReply(message.Content ?? string.Empty, $"{provider}:{message.ModelId ?? model}", input, output);
    }
}

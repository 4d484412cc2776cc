using System.Text.Json.Nodes;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>
/// The JSON object in a model's answer. Models asked for JSON sometimes wrap it in a Markdown code fence
/// (<c>```json … ```</c>) even with a schema; the fence is removed before parsing.
/// </summary>
public static class LlmJsonAnswer
{
    /// <summary>The answer's JSON object, or null with <paramref name="error"/> saying why it is unusable.</summary>
    public static JsonObject? Parse(string text, out string? error)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(StripFence(text));
        }
        catch (JsonException exception)
        {
            error = "invalid JSON: " + exception.Message;
            return null;
        }

        error = node is JsonObject ? null : "the answer is not a JSON object";
        return node as JsonObject;
    }

    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
            var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && end > firstLine)
            {
                return trimmed[(firstLine + 1)..end];
            }
        }

        return trimmed;
    }
}

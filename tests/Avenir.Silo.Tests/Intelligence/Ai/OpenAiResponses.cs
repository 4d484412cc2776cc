using System.Text.Json;

namespace Avenir.Silo.Tests.Intelligence.Ai;

/// <summary>Provider responses in the shape the real APIs answer (recorded from the documented formats).</summary>
public static class OpenAiResponses
{
    /// <summary>An OpenAI <c>POST /v1/chat/completions</c> response whose message content is <paramref name="content"/>.</summary>
    public static string ChatCompletion(string model, string content, int promptTokens = 412, int completionTokens = 58) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-AvenirTest0001",
            @object = "chat.completion",
            created = 1767225600,
            model,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, logprobs = (object?)null, finish_reason = "stop" },
            },
            usage = new
            {
                prompt_tokens = promptTokens,
                completion_tokens = completionTokens,
                total_tokens = promptTokens + completionTokens,
                prompt_tokens_details = new { cached_tokens = 0, audio_tokens = 0 },
                completion_tokens_details = new { reasoning_tokens = 0, audio_tokens = 0, accepted_prediction_tokens = 0, rejected_prediction_tokens = 0 },
            },
            service_tier = "default",
            system_fingerprint = "fp_test",
        });

    /// <summary>An Ollama <c>POST /api/chat</c> response (non-streaming; also a valid one-line stream).</summary>
    public static string OllamaChat(string model, string content, int promptEvalCount = 301, int evalCount = 39) =>
        JsonSerializer.Serialize(new
        {
            model,
            created_at = "2026-01-01T00:00:00.000000Z",
            message = new { role = "assistant", content },
            done_reason = "stop",
            done = true,
            total_duration = 4_883_583_458L,
            load_duration = 1_334_875L,
            prompt_eval_count = promptEvalCount,
            prompt_eval_duration = 342_546_000L,
            eval_count = evalCount,
            eval_duration = 4_535_599_000L,
        });

    public const string ValidEnrichment =
        """{"language":"en","intent":"pricing_quote","tone":"Professional","urgency":"High","confidence":"""
        + """0.91,"summary":"Wants a quote to repaint a 3-bedroom house before June 15."}""";

    public const string ValidFrenchEnrichment =
        """{"language":"fr","intent":"appointment_booking","tone":"Friendly","urgency":"Medium","confidence":"""
        + """0.84,"summary":"Souhaite un rendez-vous samedi pour un nettoyage."}""";
}

using System.Text.Json.Nodes;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>The JSON an LLM must answer for lead enrichment, its schema, and its validation against the label sets.</summary>
public static class EnrichmentOutput
{
    private const int FieldCount = 6;

    /// <summary>Strict JSON schema (OpenAI structured outputs / Ollama <c>format</c>): every field required, labels as enums.</summary>
    public static string Schema { get; } = BuildSchema();

    /// <summary>The label lists the prompt's <c>{{$…}}</c> placeholders are filled with.</summary>
    public static IReadOnlyDictionary<string, string> PromptVariables { get; } = new Dictionary<string, string>
    {
        ["intents"] = string.Join(", ", EnrichmentLabels.Intents),
        ["tones"] = string.Join(", ", EnrichmentLabels.Tones),
        ["urgencies"] = string.Join(", ", EnrichmentLabels.Urgencies),
        ["languages"] = string.Join(", ", EnrichmentLabels.Languages),
    };

    /// <summary>
    /// Parses and validates the model's answer. Labels are matched case-insensitively and stored in their canonical
    /// spelling. Quality = share of the six fields (language, intent, tone, urgency, confidence, summary) that are valid;
    /// the answer is usable only when all are.
    /// </summary>
    public static PromptOutcome<LeadEnrichmentResult> Evaluate(string text, string model)
    {
        if (LlmJsonAnswer.Parse(text, out var error) is not { } json)
        {
            return new PromptOutcome<LeadEnrichmentResult>(null, 0, error, null);
        }

        var invalid = new List<string>();
        var language = Label(json, "language", EnrichmentLabels.Languages, invalid);
        var intent = Label(json, "intent", EnrichmentLabels.Intents, invalid);
        var tone = Label(json, "tone", EnrichmentLabels.Tones, invalid);
        var urgency = Label(json, "urgency", EnrichmentLabels.Urgencies, invalid);
        double? confidence = json["confidence"] is JsonValue c && c.TryGetValue<double>(out var value) && value is >= 0 and <= 1 ? value : null;
        if (confidence is null)
        {
            invalid.Add("confidence");
        }

        var summary = json["summary"] is JsonValue s && s.TryGetValue<string>(out var summaryText) && !string.IsNullOrWhiteSpace(summaryText)
            ? MessageText.TruncateAtWord(summaryText.Trim(), 200)
            : null;
        if (summary is null)
        {
            invalid.Add("summary");
        }

        var output = JsonSerializer.SerializeToElement(new { language, intent, tone, urgency, confidence, summary });
        var quality = (double)(FieldCount - invalid.Count) / FieldCount;
        if (invalid.Count > 0)
        {
            return new PromptOutcome<LeadEnrichmentResult>(null, quality, "fields outside the label sets or missing: " + string.Join(", ", invalid), output);
        }

        var result = new LeadEnrichmentResult(language!, intent!, tone!, urgency!, confidence!.Value, summary!, model)
        {
            FieldConfidences = new Dictionary<string, double> { ["intent"] = confidence.Value },
            TopIntents = new Dictionary<string, double> { [intent!] = confidence.Value },
        };
        return new PromptOutcome<LeadEnrichmentResult>(result, quality, null, output);
    }

    private static string? Label(JsonObject json, string field, IReadOnlyList<string> labels, List<string> invalid)
    {
        if (json[field] is JsonValue node && node.TryGetValue<string>(out var value))
        {
            var match = labels.FirstOrDefault(label => label.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        invalid.Add(field);
        return null;
    }

    /// <summary>Some models wrap JSON in a Markdown code fence even when asked not to.</summary>

    private static string BuildSchema()
    {
        static JsonArray Enum(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["language"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(EnrichmentLabels.Languages) },
                ["intent"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(EnrichmentLabels.Intents) },
                ["tone"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(EnrichmentLabels.Tones) },
                ["urgency"] = new JsonObject { ["type"] = "string", ["enum"] = Enum(EnrichmentLabels.Urgencies) },
                ["confidence"] = new JsonObject { ["type"] = "number" },
                ["summary"] = new JsonObject { ["type"] = "string" },
            },
            ["required"] = new JsonArray("language", "intent", "tone", "urgency", "confidence", "summary"),
            ["additionalProperties"] = false,
        };
        return schema.ToJsonString();
    }
}

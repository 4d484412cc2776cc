using System.Text.Json.Serialization;

namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>
/// One line of a leads JSONL file (the leads-dev.jsonl format): the form fields plus the
/// annotator's labels, which are used only for training and scoring.
/// </summary>
public sealed record LabelledLead(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("company")] string? Company,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("intent")] string? Intent,
    [property: JsonPropertyName("urgency")] string? Urgency,
    [property: JsonPropertyName("tone")] string? Tone,
    [property: JsonPropertyName("industry_of_recipient")] string? IndustryOfRecipient)
{
    /// <summary>The lead as the contact form would send it: no labels.</summary>
    public LeadEnrichmentRequest ToRequest() => new(Message ?? string.Empty, Name, Email, Company, Phone);

    /// <summary>Reads a JSONL file; blank lines are skipped, a malformed line fails with its line number.</summary>
    public static IReadOnlyList<LabelledLead> ReadJsonLines(string path)
    {
        var leads = new List<LabelledLead>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                leads.Add(JsonSerializer.Deserialize<LabelledLead>(line) ?? throw new JsonException("null line"));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path}:{number}: {exception.Message}", exception);
            }
        }

        return leads;
    }
}

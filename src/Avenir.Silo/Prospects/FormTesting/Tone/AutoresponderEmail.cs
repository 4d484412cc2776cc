using System.Text.Json.Serialization;

namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>The inquiry an answer is compared with.</summary>
/// <param name="Name">The name given in the form.</param>
/// <param name="Message">The question asked.</param>
/// <param name="Language"><c>en</c> or <c>fr</c>.</param>
public sealed record SubmittedInquiry(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("language")] string? Language);

/// <summary>
/// An answer to a form test as the tone classifier reads it; also one line of the labelled JSONL format
/// (<c>{"subject", "body", "from", "headers": {…}, "minutes_after_submit", "submitted": {…}, "tone"}</c>;
/// <see cref="Tone"/> is the label, used only to train and score).
/// </summary>
public sealed record AutoresponderEmail(
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers,
    [property: JsonPropertyName("minutes_after_submit")] double? MinutesAfterSubmit,
    [property: JsonPropertyName("submitted")] SubmittedInquiry? Submitted,
    [property: JsonPropertyName("tone")] string? Tone = null,
    [property: JsonPropertyName("id")] string? Id = null)
{
    /// <summary>A header by name, case-insensitive.</summary>
    public string? Header(string name) =>
        Headers?.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Subject and body, for identity checks between data sets.</summary>
    public string Fingerprint => (Subject ?? string.Empty).Trim() + "\n" + (Body ?? string.Empty).Trim();

    /// <summary>Reads a JSONL file (blank lines skipped; a bad line fails with its number).</summary>
    public static IReadOnlyList<AutoresponderEmail> ReadJsonLines(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var emails = new List<AutoresponderEmail>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                emails.Add(JsonSerializer.Deserialize<AutoresponderEmail>(line) ?? throw new JsonException("null line"));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{name}:{number}: {exception.Message}", exception);
            }
        }

        return emails;
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Avenir.Contracts.Growth;
using Avenir.Grains.Growth;
using Avenir.Silo.Intelligence.Llm;

namespace Avenir.Silo.Growth;

/// <summary>
/// The JSON the LLM answers for the <c>growth_insights</c> prompt (<c>{"en":[…],"fr":[…]}</c>), its schema and its
/// validation: both languages, 1–6 insights each, each non-empty, at most 300 characters, plain text (no markup).
/// </summary>
public static partial class GrowthInsightsOutput
{
    public const int MinItems = 1;
    public const int MaxItems = 6;
    public const int MaxChars = 300;

    /// <summary>Strict JSON schema: two arrays of strings, nothing else (the limits are checked here: not every provider enforces them).</summary>
    public const string Schema =
        """{"type":"object","properties":"""
        + """{"en":{"type":"array","items":{"type":"string"}},"fr":{"type":"array","items":{"type":"string"}}"""
        + """},"required":["en","fr"],"additionalProperties":false}""";

    /// <summary>
    /// Parses and validates the answer. Quality = share of valid insights over both languages (0 when the JSON or a
    /// language is missing); the answer is usable only when everything is valid.
    /// </summary>
    public static PromptOutcome<GrowthInsightTexts> Evaluate(string text)
    {
        if (LlmJsonAnswer.Parse(text, out var error) is not { } json)
        {
            return new PromptOutcome<GrowthInsightTexts>(null, 0, error, null);
        }

        var problems = new List<string>();
        var en = Items(json, "en", problems);
        var fr = Items(json, "fr", problems);
        var all = en.Concat(fr).ToList();
        var valid = all.Count(item => Problem(item) is null);
        var quality = en.Count == 0 || fr.Count == 0 ? 0 : (double)valid / all.Count;
        var output = JsonSerializer.SerializeToElement(new { en, fr });
        if (problems.Count > 0 || valid < all.Count)
        {
            problems.AddRange(all.Select(Problem).OfType<string>().Distinct());
            return new PromptOutcome<GrowthInsightTexts>(null, quality, string.Join("; ", problems), output);
        }

        return new PromptOutcome<GrowthInsightTexts>(new GrowthInsightTexts(en, fr), quality, null, output);
    }

    private static List<string> Items(JsonObject json, string language, List<string> problems)
    {
        if (json[language] is not JsonArray array)
        {
            problems.Add($"\"{language}\" is missing or not an array");
            return [];
        }

        var items = new List<string>();
        foreach (var node in array)
        {
            if (node is JsonValue value && value.TryGetValue<string>(out var item))
            {
                items.Add(item.Trim());
            }
            else
            {
                problems.Add($"\"{language}\" holds a value that is not a string");
            }
        }

        if (items.Count is < MinItems or > MaxItems)
        {
            problems.Add($"\"{language}\" has {items.Count} insights (expected {MinItems} to {MaxItems})");
        }

        return items;
    }

    private static string? Problem(string item) =>
        item.Length == 0 ? "an empty insight"
        : item.Length > MaxChars ? $"an insight longer than {MaxChars} characters"
        : Markup().IsMatch(item) ? "an insight with markup (HTML or Markdown)"
        : null;

    /// <summary>HTML tags, Markdown emphasis, code, links, headings and list bullets: the dashboard shows plain text.</summary>
    [GeneratedRegex(@"<[a-zA-Z/!]|\*\*|__|`|\]\(|^#|^[-*+]\s|\n", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}

using System.Text.Json;
using Avenir.Silo.Growth;

namespace Avenir.Silo.Tests.Growth;

/// <summary>The validation of the LLM's <c>growth_insights</c> answer.</summary>
public sealed class GrowthInsightsOutputTests
{
    [Fact]
    public void A_valid_answer_is_kept_trimmed_with_quality_1()
    {
        var outcome = GrowthInsightsOutput.Evaluate(
            "```json\n{\"en\":[\" Urgent leads up 40% this week. \"],\"fr\":[\"Prospects urgents en hausse de 40\u202F% cette semaine.\"]}\n```");

        Assert.Null(outcome.Error);
        Assert.Equal(["Urgent leads up 40% this week."], outcome.Value!.En);
        Assert.Equal(["Prospects urgents en hausse de 40\u202F% cette semaine."], outcome.Value.Fr);
        Assert.Equal(1, outcome.Quality);
    }

    [Theory]
    [InlineData("""{"en":["A."]}""", "\"fr\" is missing", 0)]
    [InlineData("""{"en":[],"fr":["B."]}""", "\"en\" has 0 insights", 0)]
    [InlineData("""{"en":["A.","A.","A.","A.","A.","A.","A."],"fr":["B."]}""", "\"en\" has 7 insights", 1)]
    [InlineData("""{"en":["A.",""],"fr":["B."]}""", "an empty insight", 2.0 / 3)]
    [InlineData("""{"en":["A <b>bold</b> claim."],"fr":["B."]}""", "markup", 0.5)]
    [InlineData("""{"en":["- a bullet"],"fr":["[lien](https://example.com)"]}""", "markup", 0)]
    [InlineData("""{"en":["A.\nB."],"fr":["B."]}""", "markup", 0.5)]
    [InlineData("""{"en":[1],"fr":["B."]}""", "not a string", 0)]
    [InlineData("[\"A.\"]", "not a JSON object", 0)]
    [InlineData("{\"en\":[\"A", "invalid JSON", 0)]
    public void An_invalid_answer_is_refused_with_the_reason(string answer, string reason, double quality)
    {
        var outcome = GrowthInsightsOutput.Evaluate(answer);

        Assert.Null(outcome.Value);
        Assert.Contains(reason, outcome.Error, StringComparison.Ordinal);
        Assert.Equal(quality, outcome.Quality, 3);
    }

    [Fact]
    public void An_insight_of_more_than_300_characters_is_refused()
    {
        var outcome = GrowthInsightsOutput.Evaluate(JsonSerializer.Serialize(new { en = new[] { new string('a', 300) }, fr = new[] { new string('b', 301) } }));

        Assert.Null(outcome.Value);
        Assert.Contains("longer than 300", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(0.5, outcome.Quality, 3);
    }
}

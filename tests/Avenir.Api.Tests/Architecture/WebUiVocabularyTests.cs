using System.Text.RegularExpressions;
using Avenir.Api.Dashboard;
using Avenir.Contracts.Leads;

namespace Avenir.Api.Tests.Architecture;

/// <summary>
/// The web UI's one source of the closed sets (wwwroot/js/vocabulary.js) says what the contracts say, and the EN and
/// FR dictionaries (wwwroot/js/i18n.js) have the same keys and a name for every value the UI shows.
/// </summary>
public sealed partial class WebUiVocabularyTests
{
    [GeneratedRegex(@"^\s*'(?<key>[^']+)'\s*:", RegexOptions.Multiline)]
    private static partial Regex DictionaryKey();

    [GeneratedRegex(@"export const (?<name>[A-Z_]+) = \[(?<items>[^\]]*)\];", RegexOptions.Singleline)]
    private static partial Regex ExportedList();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    private static string Js(string file)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Avenir.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return File.ReadAllText(Path.Combine(root.FullName, "src", "Avenir.Api", "wwwroot", "js", file));
    }

    private static HashSet<string> Keys(string language)
    {
        var source = Js("i18n.js");
        var start = source.IndexOf($"const {language} = {{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"i18n.js declares the {language} dictionary");
        var end = source.IndexOf("\n};", start, StringComparison.Ordinal);
        return [.. DictionaryKey().Matches(source[start..end]).Select(match => match.Groups["key"].Value)];
    }

    private static Dictionary<string, string[]> Vocabulary() =>
        ExportedList().Matches(Js("vocabulary.js")).ToDictionary(
            match => match.Groups["name"].Value,
            match => Quoted().Matches(match.Groups["items"].Value).Select(item => item.Groups[1].Value).ToArray(),
            StringComparer.Ordinal);

    [Fact]
    public void The_english_and_french_dictionaries_have_the_same_keys()
    {
        var en = Keys("en");
        var fr = Keys("fr");

        Assert.True(en.Count > 200, "the dictionaries were read");
        Assert.Empty(en.Except(fr).Order(StringComparer.Ordinal));
        Assert.Empty(fr.Except(en).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_ui_vocabulary_is_the_contracts_vocabulary()
    {
        var vocabulary = Vocabulary();

        Assert.Equal(LeadLabels.Intents.Keys.Order(StringComparer.Ordinal), vocabulary["INTENTS"].Order(StringComparer.Ordinal));
        Assert.Equal(LeadLabels.Urgencies, vocabulary["URGENCIES"]);
        Assert.Equal(LeadLabels.Tones.Order(StringComparer.Ordinal), vocabulary["LEAD_TONES"].Order(StringComparer.Ordinal));
        Assert.Equal(SettingsApi.Tones, vocabulary["EMAIL_TONES"]);
        Assert.Equal(LeadActionTypes.All.Order(StringComparer.Ordinal), vocabulary["LEAD_ACTIONS"].Order(StringComparer.Ordinal));
        Assert.Equal(AutoReplyReasons.All.Order(StringComparer.Ordinal), vocabulary["AUTO_REPLY_REASONS"].Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("INTENTS", "intent.")]
    [InlineData("URGENCIES", "urgency.")]
    [InlineData("LEAD_TONES", "tone.")]
    [InlineData("EMAIL_TONES", "tone.")]
    [InlineData("TAGS", "tag.")]
    [InlineData("LEAD_ACTIONS", "actionName.")]
    [InlineData("AUTO_REPLY_REASONS", "autoReplyReason.")]
    public void Every_value_the_ui_shows_has_an_english_and_a_french_name(string list, string prefix)
    {
        var (en, fr) = (Keys("en"), Keys("fr"));

        Assert.All(Vocabulary()[list], value =>
        {
            Assert.Contains(prefix + value, en);
            Assert.Contains(prefix + value, fr);
        });
    }

    [Fact]
    public void Every_refusal_code_has_an_english_and_a_french_explanation()
    {
        var (en, fr) = (Keys("en"), Keys("fr"));

        Assert.All(LeadRefusals.All, code =>
        {
            Assert.Contains("problem." + code, en);
            Assert.Contains("problem." + code, fr);
        });
    }
}

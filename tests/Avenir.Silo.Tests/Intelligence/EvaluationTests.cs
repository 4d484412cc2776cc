using System.Text.Json;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Evaluation;

namespace Avenir.Silo.Tests.Intelligence;

public sealed class EvaluationTests
{
    private static readonly string SampleFile = Path.Combine(AppContext.BaseDirectory, "Intelligence", "TestData", "leads-sample.jsonl");

    [Fact]
    public async Task Evaluation_command_last_line_is_json_with_the_required_fields()
    {
        using var output = new StringWriter();

        var exitCode = await EvaluationCommand.RunAsync(["evaluate", SampleFile], output);

        Assert.Equal(0, exitCode);
        var lastLine = output.ToString().TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(lastLine);
        foreach (var field in new[]
        {
            "intent_macro_f1", "intent_macro_f1_en", "intent_macro_f1_fr", "urgency_accuracy", "tone_accuracy", "language_accuracy", "n", "ms_per_lead",
        })
        {
            Assert.True(json.RootElement.TryGetProperty(field, out var value), $"missing {field}");
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
        }

        Assert.Equal(File.ReadAllLines(SampleFile).Count(line => line.Length > 0), json.RootElement.GetProperty("n").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("intent_macro_f1").GetDouble(), 0.0, 1.0);
        Assert.Contains("intent confusion", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_command_rejects_a_missing_file()
    {
        using var output = new StringWriter();

        var exitCode = await EvaluationCommand.RunAsync(["evaluate", "no-such-file.jsonl"], output);

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void Macro_f1_averages_the_f1_of_each_label()
    {
        // a: tp=1 fp=0 fn=1 -> 2/3; b: tp=1 fp=1 fn=0 -> 2/3; c: tp=1 -> 1.
        string[] gold = ["a", "a", "b", "c"];
        string[] predicted = ["a", "b", "b", "c"];

        Assert.Equal((2.0 / 3 + 2.0 / 3 + 1.0) / 3, ClassificationScores.MacroF1(gold, predicted), 9);
        Assert.Equal(0.75, ClassificationScores.Accuracy(gold, predicted), 9);
    }

    [Fact]
    public void Label_sets_have_the_documented_sizes_and_no_duplicates()
    {
        Assert.Equal(12, EnrichmentLabels.Intents.Distinct().Count());
        Assert.Equal(3, EnrichmentLabels.Urgencies.Distinct().Count());
        Assert.Equal(6, EnrichmentLabels.Tones.Distinct().Count());
        Assert.Equal(["en", "fr"], EnrichmentLabels.Languages);
        Assert.False(EnrichmentLabels.IsIntent("Spam"));
    }

    [Fact]
    public void Jsonl_lines_are_read_with_their_labels()
    {
        var leads = LabelledLead.ReadJsonLines(SampleFile);

        Assert.All(leads, lead => Assert.True(EnrichmentLabels.IsIntent(lead.Intent)));
        Assert.Contains(leads, lead => lead.Language == "fr");
        Assert.Null(leads[0].ToRequest().DeclaredLanguage);
    }
}

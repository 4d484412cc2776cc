using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>
/// <c>evaluate &lt;file.jsonl&gt; [--model path]</c>: runs the local engine on every lead of a JSONL file
/// in the leads-dev format, as a form would send it (message, name, e-mail, company, phone; the
/// label fields are used only for scoring), and prints confusion tables, per-language figures,
/// latency and memory. The last line is one JSON object with the headline figures.
/// </summary>
public static class EvaluationCommand
{
    /// <summary>Runs the evaluation; returns 0 on success, 2 on bad arguments or unreadable input.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var arguments = args.SkipWhile(arg => arg == "evaluate").ToList();
        string? modelPath = null;
        var modelIndex = arguments.IndexOf("--model");
        if (modelIndex >= 0 && modelIndex + 1 < arguments.Count)
        {
            modelPath = arguments[modelIndex + 1];
            arguments.RemoveRange(modelIndex, 2);
        }

        if (arguments.Count != 1 || !File.Exists(arguments[0]))
        {
            await output.WriteLineAsync("usage: evaluate <leads.jsonl> [--model path/to/enrichment-model.bin]");
            return 2;
        }

        IReadOnlyList<LabelledLead> leads;
        try
        {
            leads = LabelledLead.ReadJsonLines(arguments[0]);
        }
        catch (InvalidDataException exception)
        {
            await output.WriteLineAsync(exception.Message);
            return 2;
        }

        using var engine = LocalEnrichmentEngine.Load(modelPath);
        var report = Evaluate(engine, leads);
        await output.WriteAsync(report.Text);
        await output.WriteLineAsync(report.Json);
        return 0;
    }

    /// <summary>The printed report and its closing JSON line.</summary>
    internal sealed record EvaluationReport(string Text, string Json, IReadOnlyDictionary<string, double> Figures);

    internal static EvaluationReport Evaluate(LocalEnrichmentEngine engine, IReadOnlyList<LabelledLead> leads)
    {
        // Warm-up so that one-time costs (first ONNX run, lazy Lingua models) are not counted per lead.
        engine.Enrich(new LeadEnrichmentRequest("Warm-up message. Bonjour, ceci est un essai."));
        GC.Collect();
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var results = new List<LeadEnrichmentResult>(leads.Count);
        var clock = Stopwatch.StartNew();
        foreach (var lead in leads)
        {
            results.Add(engine.Enrich(lead.ToRequest()));
        }

        clock.Stop();
        GC.Collect();
        var memoryAfter = Process.GetCurrentProcess().WorkingSet64;

        var figures = new Dictionary<string, double>
        {
            ["n"] = leads.Count,
            ["ms_per_lead"] = leads.Count == 0 ? 0 : clock.Elapsed.TotalMilliseconds / leads.Count,
            ["working_set_mb"] = memoryAfter / 1048576.0,
            ["working_set_growth_mb"] = (memoryAfter - memoryBefore) / 1048576.0,
        };
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"model: {engine.ModelName}");
        text.WriteLine($"leads: {leads.Count}");
        AddFigures(figures, text, leads, results, string.Empty, _ => true);
        foreach (var language in EnrichmentLabels.Languages)
        {
            AddFigures(figures, text, leads, results, "_" + language, lead => lead.Language == language);
        }

        var scored = Enumerable.Range(0, leads.Count).Where(i => leads[i].Intent is not null).ToList();
        text.WriteLine();
        text.WriteLine("intent confusion (rows gold, columns predicted):");
        text.WriteLine(ClassificationScores.ConfusionTable(
            scored.Select(i => leads[i].Intent!).ToList(), scored.Select(i => results[i].Intent).ToList(), EnrichmentLabels.Intents));
        var urgencyScored = Enumerable.Range(0, leads.Count).Where(i => leads[i].Urgency is not null).ToList();
        text.WriteLine("urgency confusion:");
        text.WriteLine(ClassificationScores.ConfusionTable(
            urgencyScored.Select(i => leads[i].Urgency!).ToList(), urgencyScored.Select(i => results[i].Urgency).ToList(), EnrichmentLabels.Urgencies));
        text.WriteLine(FormattableString.Invariant(
            $"latency: {figures["ms_per_lead"]:0.0} ms per lead; working set {figures["working_set_mb"]:0} MB (growth during the run {figures["working_set_growth_mb"]:0.0} MB)"));

        var json = JsonSerializer.Serialize(figures.ToDictionary(pair => pair.Key, pair => double.IsNaN(pair.Value) ? 0 : Math.Round(pair.Value, 4)));
        return new EvaluationReport(text.ToString(), json, figures);
    }

    private static void AddFigures(
        Dictionary<string, double> figures,
        StringWriter text,
        IReadOnlyList<LabelledLead> leads,
        IReadOnlyList<LeadEnrichmentResult> results,
        string suffix,
        Func<LabelledLead, bool> include)
    {
        var indices = Enumerable.Range(0, leads.Count).Where(i => include(leads[i])).ToList();
        double Score(Func<LabelledLead, string?> gold, Func<LeadEnrichmentResult, string> predicted, bool macro)
        {
            var pairs = indices.Where(i => gold(leads[i]) is not null).ToList();
            var goldLabels = pairs.Select(i => gold(leads[i])!).ToList();
            var predictedLabels = pairs.Select(i => predicted(results[i])).ToList();
            return macro ? ClassificationScores.MacroF1(goldLabels, predictedLabels) : ClassificationScores.Accuracy(goldLabels, predictedLabels);
        }

        figures["intent_macro_f1" + suffix] = Score(lead => lead.Intent, result => result.Intent, macro: true);
        figures["intent_accuracy" + suffix] = Score(lead => lead.Intent, result => result.Intent, macro: false);
        figures["urgency_accuracy" + suffix] = Score(lead => lead.Urgency, result => result.Urgency, macro: false);
        figures["tone_accuracy" + suffix] = Score(lead => lead.Tone, result => result.Tone, macro: false);
        figures["language_accuracy" + suffix] = Score(lead => lead.Language, result => result.Language, macro: false);
        if (suffix.Length > 0)
        {
            figures["n" + suffix] = indices.Count;
        }

        var name = suffix.Length == 0 ? "all" : suffix[1..];
        text.WriteLine(FormattableString.Invariant(
            $"[{name}] n={indices.Count} intent macro-F1={figures["intent_macro_f1" + suffix]:0.000} intent acc={figures["intent_accuracy" + suffix]:0.000} urgency acc={figures["urgency_accuracy" + suffix]:0.000} tone acc={figures["tone_accuracy" + suffix]:0.000} language acc={figures["language_accuracy" + suffix]:0.000}"));
    }
}

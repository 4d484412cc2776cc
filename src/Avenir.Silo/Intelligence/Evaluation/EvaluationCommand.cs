using System.Diagnostics;
using Avenir.Silo.Intelligence.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>
/// <c>evaluate &lt;file.jsonl&gt; [--model path] [--engine local|llm] [--concurrency n]</c>: runs an enrichment
/// engine on every lead of a JSONL file in the leads-dev format, as a form would send it (message, name,
/// e-mail, company, phone; the label fields are used only for scoring), and prints confusion tables,
/// per-language figures with 95 % intervals, latency and memory. The last line is one JSON object with the
/// headline figures (the same fields whatever the engine). <c>--engine llm</c> runs the configured LLM engine
/// (<c>Ai:*</c> settings, see <see cref="LlmEvaluationHost"/>) so that it can be compared with the local model
/// on the same file; <c>--concurrency</c> sends that many leads at a time (LLM only; latency stays per lead).
/// </summary>
public static class EvaluationCommand
{
    private const string Usage = "usage: evaluate <leads.jsonl> [--model path/to/enrichment-model.bin] [--engine local|llm] [--concurrency n]";

    /// <summary>Runs the evaluation; returns 0 on success, 2 on bad arguments, unreadable input or a missing LLM configuration.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output) => RunAsync(args, output, configuration: null, configureServices: null);

    /// <summary>As <see cref="RunAsync(string[], TextWriter)"/> with explicit settings for the LLM engine (tests).</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, IConfiguration? configuration, Action<IServiceCollection>? configureServices)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var arguments = args.SkipWhile(arg => arg == "evaluate").ToList();
        var modelPath = TakeOption(arguments, "--model");
        var engineName = TakeOption(arguments, "--engine") ?? "local";
        var concurrencyText = TakeOption(arguments, "--concurrency") ?? "1";
        if (arguments.Count != 1 || !File.Exists(arguments[0]) || engineName is not ("local" or "llm")
            || !int.TryParse(concurrencyText, NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency) || concurrency < 1)
        {
            await output.WriteLineAsync(Usage);
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

        if (engineName == "local")
        {
            using var local = LocalEnrichmentEngine.Load(modelPath);
            await WriteAsync(output, await EvaluateAsync(local, leads, concurrency: 1));
            return 0;
        }

        await using var host = LlmEvaluationHost.CreateOrExplain(configuration ?? LlmEvaluationHost.DefaultConfiguration(), configureServices, out var problem);
        if (host is null)
        {
            await output.WriteLineAsync("evaluate --engine llm: " + problem);
            return 2;
        }

        await WriteAsync(output, await EvaluateAsync(host.Engine, leads, concurrency));

        return 0;
    }

    /// <summary>The printed report and its closing JSON line.</summary>
    internal sealed record EvaluationReport(string Text, string Json, IReadOnlyDictionary<string, double> Figures);

    internal static async Task<EvaluationReport> EvaluateAsync(ILeadEnrichmentEngine engine, IReadOnlyList<LabelledLead> leads, int concurrency)
    {
        // Warm-up so that one-time costs (first ONNX run, lazy Lingua models, first HTTP connection) are not counted per lead.
        await engine.EnrichAsync(new LeadEnrichmentRequest("Warm-up message. Bonjour, ceci est un essai."));
        GC.Collect();
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var results = new LeadEnrichmentResult[leads.Count];
        var elapsed = new double[leads.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, leads.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, cancellationToken) =>
            {
                var started = Stopwatch.GetTimestamp();
                results[i] = await engine.EnrichAsync(leads[i].ToRequest(), cancellationToken);
                elapsed[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            });
        clock.Stop();
        GC.Collect();
        var memoryAfter = Process.GetCurrentProcess().WorkingSet64;

        var figures = new Dictionary<string, double>
        {
            ["n"] = leads.Count,
            // One lead at a time this is the wall time per lead; with concurrency, the mean time of one call.
            ["ms_per_lead"] = leads.Count == 0 ? 0 : concurrency == 1 ? clock.Elapsed.TotalMilliseconds / leads.Count : elapsed.Average(),
            ["working_set_mb"] = memoryAfter / 1048576.0,
            ["working_set_growth_mb"] = (memoryAfter - memoryBefore) / 1048576.0,
        };
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"model: {engine.ModelName}");
        text.WriteLine($"leads: {leads.Count}");
        EvaluationFigures.Add(figures, text, leads, results, string.Empty, _ => true);
        foreach (var language in EnrichmentLabels.Languages)
        {
            EvaluationFigures.Add(figures, text, leads, results, "_" + language, lead => lead.Language == language);
        }

        EvaluationFigures.WriteIntervals(text, leads, results);
        EvaluationFigures.WriteLanguages(text, results, engine);

        var scored = Enumerable.Range(0, leads.Count).Where(i => leads[i].Intent is not null).ToList();
        text.WriteLine();
        text.WriteLine("intent confusion (rows gold, columns predicted):");
        text.WriteLine(ClassificationScores.ConfusionTable(
            scored.Select(i => leads[i].Intent!).ToList(), scored.Select(i => results[i].Intent).ToList(), EnrichmentLabels.Intents));
        var urgencyScored = Enumerable.Range(0, leads.Count).Where(i => leads[i].Urgency is not null).ToList();
        text.WriteLine("urgency confusion:");
        text.WriteLine(ClassificationScores.ConfusionTable(
            urgencyScored.Select(i => leads[i].Urgency!).ToList(), urgencyScored.Select(i => results[i].Urgency).ToList(), EnrichmentLabels.Urgencies));
        var toneScored = Enumerable.Range(0, leads.Count).Where(i => leads[i].Tone is not null).ToList();
        text.WriteLine("tone confusion:");
        text.WriteLine(ClassificationScores.ConfusionTable(
            toneScored.Select(i => leads[i].Tone!).ToList(), toneScored.Select(i => results[i].Tone).ToList(), EnrichmentLabels.Tones));
        text.WriteLine(
            FormattableString.Invariant($"latency: {figures["ms_per_lead"]:0.0} ms per lead; working set {figures["working_set_mb"]:0} MB ")
            + FormattableString.Invariant($"(growth during the run {figures["working_set_growth_mb"]:0.0} MB)"));

        var json = JsonSerializer.Serialize(figures.ToDictionary(pair => pair.Key, pair => double.IsNaN(pair.Value) ? 0 : Math.Round(pair.Value, 4)));
        return new EvaluationReport(text.ToString(), json, figures);
    }

    private static async Task WriteAsync(TextWriter output, EvaluationReport report)
    {
        await output.WriteAsync(report.Text);
        await output.WriteLineAsync(report.Json);
    }

    private static string? TakeOption(List<string> arguments, string name)
    {
        var index = arguments.IndexOf(name);
        if (index < 0 || index + 1 >= arguments.Count)
        {
            return null;
        }

        var value = arguments[index + 1];
        arguments.RemoveRange(index, 2);
        return value;
    }
}

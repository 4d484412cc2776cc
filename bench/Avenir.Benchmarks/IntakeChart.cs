using ScottPlot;

namespace Avenir.Benchmarks;

/// <summary>The report's chart: intake per level (one client, many clients), the naive baseline and the INSERT ceiling, leads/s.</summary>
internal static class IntakeChart
{
    public static void Save(IntakeBenchmark.Outcome intake, string path)
    {
        using var plot = new Plot();
        var kinds = new[] { IntakeBenchmark.Single, IntakeBenchmark.Clients, IntakeBenchmark.Baseline, IntakeBenchmark.Ceiling }
            .Where(kind => intake.Levels.All(level => level.Phases.ContainsKey(kind)))
            .ToArray();
        var labels = new Dictionary<string, string>
        {
            [IntakeBenchmark.Single] = "Avenir, 1 client",
            [IntakeBenchmark.Clients] = $"Avenir, {intake.Clients} clients",
            [IntakeBenchmark.Baseline] = "naive baseline (ASP.NET + Npgsql)",
            [IntakeBenchmark.Ceiling] = "single-row INSERT ceiling",
        };
        var bars = new List<Bar>();
        for (var l = 0; l < intake.Levels.Count; l++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                bars.Add(new Bar
                {
                    Position = l * (kinds.Length + 1) + k,
                    Value = intake.Levels[l].Phases[kinds[k]].PerSecond,
                    FillColor = Colors.Category10[k],
                });
            }
        }

        plot.Add.Bars(bars);
        for (var k = 0; k < kinds.Length; k++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = labels[kinds[k]], FillColor = Colors.Category10[k] });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. intake.Levels.Select((level, l) => new Tick(l * (kinds.Length + 1) + (kinds.Length - 1) / 2.0, $"{level.Concurrency} posters"))]);
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("leads (rows) per second");
        plot.Title("Lead intake per concurrency level, same run");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SaveSvg(path, 900, 480);
    }
}

using System.Text.Json;
using Avenir.Benchmarks;

// Benchmarks (README, "Benchmark"), each against baselines measured in the same run. Modes: intake (default),
// report (intake, writing docs/performance.md and its chart), growth, enrichment. The last line printed is one JSON object.
if (args is ["growth", ..])
{
    return await GrowthBenchmark.RunAsync(args[1..]); // the growth brain's costs (GrowthBenchmark.cs)
}

if (args is ["enrichment", ..])
{
    return await EnrichmentBenchmark.RunAsync(args[1..]); // the job queue's enrichment vs the bare model (EnrichmentBenchmark.cs)
}

string[] modes = ["intake", "dashboard", "report"];
var mode = args is [var first, ..] && modes.Contains(first) ? first : "intake";
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(mode == "intake" && args is not ["intake", ..] ? args : args[1..]);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

await using var stack = new StackSession(options);
await stack.StartAsync(options);
switch (mode)
{
    case "dashboard":
    {
        var dashboard = await DashboardBenchmark.RunAsync(options, stack);
        Console.WriteLine(JsonSerializer.Serialize(dashboard.Summary()));
        return 0;
    }

    case "report":
        return await ReportCommand.RunAsync(options, stack);

    default:
    {
        var intake = await IntakeBenchmark.RunAsync(options, stack.Api, stack.Connection, stack.Key, stack.Owned);
        Console.WriteLine(JsonSerializer.Serialize(intake.Summary()));
        return intake.Verification.Passed ? 0 : 1;
    }
}

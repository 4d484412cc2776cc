namespace Avenir.Benchmarks;

internal static class DashboardBenchmark
{
    public sealed record Outcome
    {
        public Dictionary<string, object> Summary() => new() { ["todo"] = GetHashCode() };
    }

    public static Task<Outcome> RunAsync(BenchmarkOptions options, StackSession stack) => throw new NotSupportedException();
}

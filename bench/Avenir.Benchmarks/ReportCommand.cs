namespace Avenir.Benchmarks;

internal static class ReportCommand
{
    public static Task<int> RunAsync(BenchmarkOptions options, StackSession stack) => throw new NotSupportedException();
}

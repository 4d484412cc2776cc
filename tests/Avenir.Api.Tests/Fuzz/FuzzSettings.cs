using System.Globalization;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// How much to fuzz and from which seed. The defaults are fixed, so every CI run sends the same requests;
/// <c>AVENIR_FUZZ_SEED</c>, <c>AVENIR_FUZZ_REQUESTS</c> and <c>AVENIR_FUZZ_PARALLELISM</c> override them for a longer
/// or a different run (docs/fuzzing.md).
/// </summary>
public sealed record FuzzSettings(int Seed, int Requests, int Parallelism)
{
    public const int DefaultSeed = 9457; // the problem-details RFC, as good a seed as any
    public const int DefaultRequests = 10_000;
    public const int DefaultParallelism = 8;

    public static FuzzSettings FromEnvironment() => new(
        Read("AVENIR_FUZZ_SEED", DefaultSeed, int.MinValue),
        Read("AVENIR_FUZZ_REQUESTS", DefaultRequests, 1),
        Read("AVENIR_FUZZ_PARALLELISM", DefaultParallelism, 1));

    private static int Read(string name, int fallback, int minimum) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? Math.Max(minimum, value)
            : fallback;
}

namespace Avenir.Contracts.Prompts;

/// <summary>
/// <c>prompt_ab_tests.status</c> and <c>end_reason</c>, and <c>prompt_evolution.evolution_type</c>: the values the
/// grain writes, the API filters by and the web UI shows.
/// </summary>
public static class PromptTestStatuses
{
    public const string Draft = "draft";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Draft, Running, Completed, Cancelled];

    /// <summary><c>end_reason</c>: both arms reached the minimum sample (decided once, then).</summary>
    public const string EndedAtSampleSize = "sample_size_reached";

    /// <summary><c>end_reason</c>: the maximum duration passed first (no winner).</summary>
    public const string EndedAtMaxDuration = "max_duration";

    /// <summary><c>end_reason</c>: an admin cancelled it.</summary>
    public const string EndedByCancel = "cancelled";
}

/// <summary>How a variant was derived from its parent (<c>prompt_evolution.evolution_type</c>).</summary>
public static class PromptEvolutionTypes
{
    public const string ManualEdit = "manual_edit";
    public const string Mutation = "mutation";
    public const string Crossover = "crossover";
    public const string Optimization = "optimization";

    public static readonly IReadOnlyList<string> All = [ManualEdit, Mutation, Crossover, Optimization];
}

namespace Avenir.Contracts.Jobs;

/// <summary><c>queue_jobs.status</c> (V11's CHECK).</summary>
public static class JobStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Completed, Failed];
}

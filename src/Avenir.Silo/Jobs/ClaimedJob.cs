namespace Avenir.Silo.Jobs;

/// <summary>A job this worker holds the lease of (<c>status = 'running'</c>, <c>locked_by</c> = <see cref="LockedBy"/>).</summary>
/// <param name="Attempt">The attempt number (<c>attempts</c> after the claim). With <see cref="LockedBy"/> it identifies this lease.</param>
/// <param name="ReclaimedFrom">The worker whose lease had expired, when this claim reclaimed a crashed worker's job.</param>
public sealed record ClaimedJob(
    Guid Id,
    string JobType,
    JsonElement Payload,
    int Attempt,
    int MaxAttempts,
    TimeSpan Timeout,
    string LockedBy,
    DateTimeOffset LockedUntil,
    DateTimeOffset CreatedAt,
    string? ReclaimedFrom);

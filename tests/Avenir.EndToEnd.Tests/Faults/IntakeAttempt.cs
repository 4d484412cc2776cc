namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>One POST of one lead, as the load generator saw it (times from the start of the run).</summary>
/// <param name="Lead">The lead's number in the run (its Idempotency-Key and email derive from it).</param>
/// <param name="Number">1 for the first post of the lead, 2 for its first retry, …</param>
/// <param name="Status">The HTTP status, or <see cref="TimedOut"/> / <see cref="NoConnection"/>.</param>
/// <param name="HasRetryAfter">Whether the answer carried a <c>Retry-After</c> header.</param>
/// <param name="Replayed">Whether the API answered from an earlier post of the same key (<c>Idempotent-Replayed</c>).</param>
public sealed record IntakeAttempt(int Lead, int Number, TimeSpan Start, TimeSpan Duration, int Status, bool HasRetryAfter, bool Replayed)
{
    /// <summary>The client gave up waiting (its per-request timeout): the request waited at least that long.</summary>
    public const int TimedOut = 0;

    /// <summary>No HTTP answer at all (connection refused or reset).</summary>
    public const int NoConnection = -1;

    public TimeSpan End => Start + Duration;

    public bool Succeeded => Status is >= 200 and < 300;

    public bool IsServerError => Status >= 500;
}

using System.Globalization;
using System.Net;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>What the posters saw of intake around a fault, computed from every request of the run.</summary>
public static class IntakeAvailability
{
    /// <summary>The longest any request waited for an answer (a timed-out one waited at least the client's timeout).</summary>
    public static TimeSpan LongestWait(IEnumerable<IntakeAttempt> attempts) => attempts.Select(a => a.Duration).DefaultIfEmpty().Max();

    /// <summary>
    /// How long after <paramref name="fault"/> the first request sent at or after it was acknowledged: "intake answers 2xx
    /// again" (an answer to a request sent before the fault proves nothing about the cluster after it). Null if none was.
    /// </summary>
    public static TimeSpan? FirstAcknowledgedAfter(IEnumerable<IntakeAttempt> attempts, TimeSpan fault) =>
        attempts.Where(a => a.Succeeded && a.Start >= fault).Select(a => (TimeSpan?)(a.End - fault)).Min();

    /// <summary>
    /// The longest stretch within [<paramref name="from"/>, <paramref name="to"/>] during which no request was acknowledged:
    /// how long intake was unavailable after a fault (from the fault to the first 2xx, or a later gap if longer).
    /// </summary>
    public static TimeSpan LongestOutage(IEnumerable<IntakeAttempt> attempts, TimeSpan from, TimeSpan to)
    {
        var acknowledged = attempts.Where(a => a.Succeeded && a.End >= from && a.End <= to).Select(a => a.End).Order().ToList();
        var longest = TimeSpan.Zero;
        var previous = from;
        foreach (var at in acknowledged.Append(to))
        {
            longest = at - previous > longest ? at - previous : longest;
            previous = at;
        }

        return longest;
    }

    /// <summary>
    /// One line per second of [<paramref name="from"/>, <paramref name="to"/>) for the requests sent in it: how many were
    /// acknowledged, refused with 503 or timed out, and the longest wait among them (what docs/fault-tolerance.md shows).
    /// </summary>
    public static IEnumerable<string> Timeline(IReadOnlyCollection<IntakeAttempt> attempts, TimeSpan from, TimeSpan to)
    {
        for (var second = from; second < to; second += TimeSpan.FromSeconds(1))
        {
            var sent = attempts.Where(a => a.Start >= second && a.Start < second + TimeSpan.FromSeconds(1)).ToList();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"t={second.TotalSeconds:00}s sent={sent.Count} 2xx={sent.Count(a => a.Succeeded)} 503={UnavailableAnswers(sent)} "
                + $"timed_out={sent.Count(a => a.Status == IntakeAttempt.TimedOut)} max_wait_s={LongestWait(sent).TotalSeconds:0.00}");
        }
    }

    /// <summary>Answers of 500 or above other than 503: a fault must never surface as an error of ours.</summary>
    public static int OtherServerErrors(IEnumerable<IntakeAttempt> attempts) =>
        attempts.Count(a => a.IsServerError && a.Status != (int)HttpStatusCode.ServiceUnavailable);

    public static int UnavailableAnswers(IEnumerable<IntakeAttempt> attempts) => attempts.Count(a => a.Status == (int)HttpStatusCode.ServiceUnavailable);

    /// <summary>503 answers that did not say when to come back.</summary>
    public static int UnavailableWithoutRetryAfter(IEnumerable<IntakeAttempt> attempts) =>
        attempts.Count(a => a.Status == (int)HttpStatusCode.ServiceUnavailable && !a.HasRetryAfter);
}

using Avenir.Silo.Prospects.Sources;

namespace Avenir.Silo.Prospects.Discovery;

/// <summary>A source's failure as the job result shows it: what happened, in the provider's words, and when to retry.</summary>
public sealed record DiscoverySourceError(string Failure, int? StatusCode, string Message, DateTimeOffset? RetryAt);

/// <summary>What one source gave a discovery: pages read, companies merged by outcome, quota used, and its error if it stopped.</summary>
public sealed record DiscoverySourceReport(
    string Source, int Pages, int Records, int Skipped, int Created, int Merged, int Unchanged, bool Exhausted,
    SourceQuotaUsage Quota, DiscoverySourceError? Error);

/// <summary>The <c>prospect_discovery</c> job's result (<c>queue_jobs.result</c>).</summary>
public sealed record ProspectDiscoveryReport(IReadOnlyList<DiscoverySourceReport> Sources, string? Note)
{
    public int Created => Sources.Sum(s => s.Created);

    public int Merged => Sources.Sum(s => s.Merged);
}

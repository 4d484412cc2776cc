namespace Avenir.Contracts.Prospects;

/// <summary>
/// Starts the agency's prospect jobs from the admin API (key 0; the API has no job queue of its own): each call enqueues
/// one <c>queue_jobs</c> row in a system transaction and returns its id once committed.
/// </summary>
[Alias("Avenir.Contracts.Prospects.IProspectJobsGrain")]
public interface IProspectJobsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Enqueues a <c>prospect_discovery</c> job searching every configured source for the ICP as it is now; returns the
    /// job id, or null when no ICP is defined.
    /// </summary>
    [Alias("StartDiscovery")]
    Task<Guid?> StartDiscoveryAsync();
}

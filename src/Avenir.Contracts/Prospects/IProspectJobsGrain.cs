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

    /// <summary>
    /// Creates a pending <c>prospect_form_tests</c> row and the <c>prospect_form_test</c> job that runs it, in one
    /// transaction; refused for an unknown or do-not-contact prospect.
    /// </summary>
    [Alias("StartFormTest")]
    Task<ProspectFormTestStart> StartFormTestAsync(Guid prospectId);

    /// <summary>
    /// Enqueues a <c>prospect_rescore</c> job recomputing every prospect's score (set-based, version-checked), unless
    /// one is waiting; returns the id of the job that will run.
    /// </summary>
    [Alias("StartRescore")]
    Task<Guid> StartRescoreAsync();
}

/// <summary>A started form test (its id and job), or why none was started (<c>not_found</c>, <c>do_not_contact</c>).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectFormTestStart")]
public sealed record ProspectFormTestStart([property: Id(0)] Guid? TestId, [property: Id(1)] Guid? JobId, [property: Id(2)] string? Refusal);

namespace Avenir.Contracts.Prospects;

/// <summary>
/// One prospect of the agency (key: its normalised website domain, e.g. <c>xn--caf-lvis-d1ac.ca</c>; see
/// <c>ProspectDomain</c>): the single writer of its <c>prospect_candidates</c> row. It merges what every source says of
/// the company (source list, first and last seen, the most trusted facts) and recomputes its
/// <c>automation_need_score</c> (45–95) with a per-signal explanation whenever a signal changes. System-scoped:
/// prospects are agency data.
/// </summary>
[Alias("Avenir.Contracts.Prospects.IProspectGrain")]
public interface IProspectGrain : IGrainWithStringKey
{
    /// <summary>
    /// Merges records of this company from any sources (each record's website must normalise to this grain's key).
    /// Idempotent: records that tell nothing new write nothing (<see cref="ProspectMergeOutcome.Unchanged"/>).
    /// </summary>
    [Alias("Merge")]
    Task<ProspectMergeResult> MergeAsync(IReadOnlyList<ProspectRecord> records);

    /// <summary>The prospect, or null when no source has named it yet.</summary>
    [Alias("Get")]
    Task<ProspectSnapshot?> GetAsync();

    /// <summary>Records the latest finished form test's signal and recomputes the score.</summary>
    [Alias("RecordFormTest")]
    Task RecordFormTestAsync(ProspectFormTestSignal signal);

    /// <summary>Re-reads the industry's priority (<c>prospect_industry_performance</c>) and recomputes the score; returns it.</summary>
    [Alias("Rescore")]
    Task<int?> RescoreAsync();

    /// <summary>Re-reads its row: the set-based import wrote it while the grain was active.</summary>
    [Alias("Refresh")]
    Task RefreshAsync();

    /// <summary>Marks the prospect do-not-contact (CASL / Law 25: honoured at once and for good).</summary>
    [Alias("SetDoNotContact")]
    Task SetDoNotContactAsync();

    /// <summary>
    /// Records one piece of CASL consent evidence for one of the prospect's addresses (insert-only: the newest for an
    /// address is the basis every send evaluates). Null when no source has named the prospect. Throws
    /// <see cref="ArgumentException"/> when <see cref="ProspectConsentValidation.Validate"/> finds a problem.
    /// </summary>
    [Alias("RecordConsent")]
    Task<ProspectConsentRecorded?> RecordConsentAsync(ProspectConsentEvidence evidence);
}

using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>
/// A place prospects are discovered from (People Data Labs, Apollo, Google). A discovery job calls
/// <see cref="SearchAsync"/> with the agency's ICP, then again with <see cref="ProspectSearchPage.NextCursor"/>
/// until it is null or it has enough; records come back normalised (domain identity) and ready to merge.
/// Failures are <see cref="ProspectSourceException"/>s with a <see cref="ProspectSourceFailure"/> the caller can act on.
/// </summary>
public interface IProspectSource
{
    /// <summary>The source's name (<see cref="ProspectSources"/>).</summary>
    string Name { get; }

    /// <summary>What has been spent against the source's limits so far.</summary>
    SourceQuotaUsage Quota { get; }

    /// <summary>One page of companies matching <paramref name="profile"/>; <paramref name="cursor"/> null for the first page.</summary>
    /// <param name="profile">What to look for.</param>
    /// <param name="cursor">The previous page's <see cref="ProspectSearchPage.NextCursor"/>.</param>
    /// <param name="pageSize">Companies wanted (each source caps it: PDL and Apollo 100, Google 10).</param>
    /// <param name="cancellationToken">Stops the call (and any wait for a rate limit).</param>
    Task<ProspectSearchPage> SearchAsync(IdealCustomerProfile profile, string? cursor, int pageSize, CancellationToken cancellationToken);
}

/// <summary>One page of a source's answer.</summary>
/// <param name="Records">Companies with a usable website domain.</param>
/// <param name="NextCursor">Pass it back for the next page; null when there is no more.</param>
/// <param name="Total">How many companies the source says match (null when it does not say).</param>
/// <param name="Skipped">Companies the source returned without a usable website (no identity, so not kept).</param>
public sealed record ProspectSearchPage(IReadOnlyList<ProspectSourceRecord> Records, string? NextCursor, long? Total, int Skipped);

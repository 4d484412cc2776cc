using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.Sources;

namespace Avenir.Silo.Prospects.Discovery;

/// <summary>
/// Runs the ICP against every configured source (<see cref="IProspectSource"/>), page after page up to
/// <see cref="ProspectDiscoveryOptions.MaxPagesPerSource"/>, and merges each company into its <see cref="IProspectGrain"/>
/// (the single writer; a company several sources name is one prospect). A source that fails is reported with its
/// failure and the others still run: one plan restriction (Apollo's 403) does not hide what PDL found.
/// Re-running it merges the same records again, which changes nothing: the job is idempotent.
/// </summary>
public sealed class ProspectDiscovery(
    IEnumerable<IProspectSource> sources, IGrainFactory grains, IOptions<ProspectDiscoveryOptions> options, ILogger<ProspectDiscovery> logger)
{
    /// <summary>Grain merges in flight per page.</summary>
    private const int Parallelism = 16;

    public async Task<ProspectDiscoveryReport> RunAsync(IdealCustomerProfile icp, CancellationToken cancellationToken)
    {
        var configured = sources.ToList();
        if (configured.Count == 0)
        {
            return new ProspectDiscoveryReport([], "No discovery source is configured (Prospects:Pdl, Prospects:Apollo, Prospects:Google ApiKey).");
        }

        var reports = new List<DiscoverySourceReport>(configured.Count);
        foreach (var source in configured)
        {
            reports.Add(await SearchAsync(source, icp, cancellationToken));
        }

        return new ProspectDiscoveryReport(reports, null);
    }

    private async Task<DiscoverySourceReport> SearchAsync(IProspectSource source, IdealCustomerProfile icp, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int pages = 0, records = 0, skipped = 0;
        var outcomes = new int[3];
        string? cursor = null;
        DiscoverySourceError? error = null;
        var exhausted = false;
        while (pages < settings.MaxPagesPerSource)
        {
            ProspectSearchPage page;
            try
            {
                page = await source.SearchAsync(icp, cursor, settings.PageSize, cancellationToken);
            }
            catch (ProspectSourceException failure)
            {
                logger.LogWarning("Discovery: {Source} stopped after {Pages} page(s): {Failure} {Message}",
                    source.Name, pages, failure.Failure, failure.Message);
                error = new DiscoverySourceError(failure.Failure.ToString(), failure.StatusCode, failure.Message, failure.RetryAt);
                break;
            }

            pages++;
            records += page.Records.Count;
            skipped += page.Skipped;
            foreach (var outcome in await MergeAsync(page.Records))
            {
                outcomes[(int)outcome]++;
            }

            cursor = page.NextCursor;
            if (cursor is null)
            {
                exhausted = true;
                break;
            }
        }

        return new DiscoverySourceReport(source.Name, pages, records, skipped,
            outcomes[(int)ProspectMergeOutcome.Created], outcomes[(int)ProspectMergeOutcome.Merged], outcomes[(int)ProspectMergeOutcome.Unchanged],
            exhausted, source.Quota, error);
    }

    /// <summary>One merge per company of the page (a page may name a company twice).</summary>
    private async Task<ProspectMergeOutcome[]> MergeAsync(IReadOnlyList<ProspectSourceRecord> records)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        return await Task.WhenAll(records.GroupBy(r => r.Domain).Select(async company =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await grains.GetGrain<IProspectGrain>(company.Key.Value).MergeAsync([.. company.Select(r => r.ToContract())]);
                return result.Outcome;
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}

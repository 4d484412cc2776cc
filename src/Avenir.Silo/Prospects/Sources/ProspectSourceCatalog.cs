using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources;

/// <summary>
/// Every source discovery knows, configured or not (a source without an API key is not registered: see
/// <c>ProspectsServiceCollectionExtensions</c>), with the quota use its <see cref="SourceQuota"/> counted in this process.
/// </summary>
public sealed class ProspectSourceCatalog(IServiceProvider services) : IProspectSourceCatalog
{
    private static readonly string[] Known = [ProspectSources.PeopleDataLabs, ProspectSources.Apollo, ProspectSources.Google];

    public IReadOnlyList<ProspectSourceStatus> Describe()
    {
        // Sources are transient typed clients; their quotas are the process's singletons, so a fresh resolution reads them.
        var configured = services.GetServices<IProspectSource>().ToDictionary(s => s.Name, s => s.Quota, StringComparer.Ordinal);
        return [.. Known.Select(name => configured.TryGetValue(name, out var quota)
            ? new ProspectSourceStatus(name, true, quota.RequestsLastMinute, quota.RequestsPerMinute, quota.CreditsUsed, quota.CreditLimit,
                quota.PeriodStart, quota.BlockedUntil)
            : new ProspectSourceStatus(name, false, null, null, null, null, null, null))];
    }
}

using Orleans.Concurrency;
using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>Answers from the local silo's catalog: sources and quotas live in each silo process.</summary>
[StatelessWorker]
public sealed class ProspectSourcesGrain(IProspectSourceCatalog catalog) : Grain, IProspectSourcesGrain
{
    public Task<IReadOnlyList<ProspectSourceStatus>> GetAsync() => Task.FromResult(catalog.Describe());
}

using Avenir.Contracts.Prospects;
using Orleans.Concurrency;

namespace Avenir.Grains.Prospects;

/// <inheritdoc cref="IProspectJobsGrain"/>
[StatelessWorker]
public sealed class ProspectJobsGrain(TenantDatabase database, TimeProvider time) : Grain, IProspectJobsGrain
{
    /// <summary>A discovery pages through every source, waiting out their rate limits (PDL: 10 requests a minute).</summary>
    public const int DiscoveryTimeoutSeconds = 1800;

    public async Task<Guid?> StartDiscoveryAsync()
    {
        if (await GrainFactory.GetGrain<IIdealCustomerProfileGrain>(0).GetAsync() is not { } icp)
        {
            return null;
        }

        // Each request is its own discovery (the admin asked twice: two jobs); the dedupe key only names it.
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync();
        var id = await ProspectJobRows.EnqueueAsync(transaction, ProspectJobTypes.Discovery, new ProspectDiscoveryPayload(icp),
            $"{ProspectJobTypes.Discovery}:{Guid.NewGuid():N}", now, maxAttempts: 3, DiscoveryTimeoutSeconds);
        await transaction.CommitAsync();
        return id;
    }
}

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

    public async Task<ProspectFormTestStart> StartFormTestAsync(Guid prospectId)
    {
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync();
        if (await ProspectFormTestRows.DoNotContactAsync(transaction, prospectId) is not { } doNotContact)
        {
            return new ProspectFormTestStart(null, null, "not_found");
        }

        // The form's owner asked not to be contacted: an inquiry, even a test, is a message to them.
        if (doNotContact)
        {
            return new ProspectFormTestStart(null, null, "do_not_contact");
        }

        var testId = await ProspectFormTestRows.CreatePendingAsync(transaction, prospectId, now);
        // Watching the mailbox reschedules the job (no attempt spent); one attempt is one site visit and one check.
        var jobId = await ProspectJobRows.EnqueueAsync(transaction, ProspectJobTypes.FormTest, new ProspectFormTestPayload(testId, prospectId),
            $"{ProspectJobTypes.FormTest}:{testId:N}", now, maxAttempts: 3, timeoutSeconds: 300);
        await transaction.CommitAsync();
        return new ProspectFormTestStart(testId, jobId, null);
    }

    public async Task<Guid> StartRescoreAsync()
    {
        await using var transaction = await database.BeginForSystemAsync();
        var id = await ProspectJobRows.EnqueueRescoreAsync(transaction, industry: null, time.GetUtcNow());
        await transaction.CommitAsync();
        return id;
    }
}

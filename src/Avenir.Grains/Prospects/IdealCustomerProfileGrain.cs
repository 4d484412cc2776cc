using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <inheritdoc cref="IIdealCustomerProfileGrain"/>
public sealed class IdealCustomerProfileGrain(TenantDatabase database, TimeProvider time) : Grain, IIdealCustomerProfileGrain
{
    private IcpDefinition? current;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        current = (await IdealCustomerProfileRows.FindAsync(transaction, cancellationToken))?.ToDefinition();
    }

    public Task<IcpDefinition?> GetAsync() => Task.FromResult(current);

    public async Task<IcpDefinition> SetAsync(IcpDefinition definition)
    {
        if (IcpValidation.Validate(definition) is { Count: > 0 } errors)
        {
            throw new ArgumentException("Invalid ICP: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), nameof(definition));
        }

        var now = time.GetUtcNow();
        var next = IcpValidation.Normalise(definition) with { UpdatedAt = now };
        await using var transaction = await database.BeginForSystemAsync();
        await IdealCustomerProfileRows.UpsertAsync(transaction, next, now);
        await transaction.CommitAsync();
        current = next;
        return next;
    }
}

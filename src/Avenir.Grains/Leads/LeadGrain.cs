using Avenir.Grains.Database;
using Avenir.Grains.Leads.Contracts;

namespace Avenir.Grains.Leads;

/// <inheritdoc cref="ILeadGrain"/>
public sealed class LeadGrain(TenantDatabase database, TimeProvider time) : Grain, ILeadGrain
{
    private LeadSnapshot? lead;

    private Guid LeadId => this.GetPrimaryKey(out _);

    private Guid ClientId => LeadGrainKey.ClientIdOf(this);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId, cancellationToken);
        lead = await LeadRows.FindAsync(transaction, LeadId);
    }

    public async Task<LeadSnapshot> CreateAsync(LeadSubmission submission)
    {
        if (lead is not null)
        {
            return lead;
        }

        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var created = await LeadRows.InsertAsync(transaction, LeadId, ClientId, submission, now);
        if (created is null)
        {
            // Written by an earlier activation whose answer was lost: the stored lead is the answer.
            // (Not visible at all: the id belongs to another tenant, which row-level security hides.)
            lead = await LeadRows.FindAsync(transaction, LeadId)
                ?? throw new InvalidOperationException($"Lead id {LeadId} is already in use.");
            return lead;
        }

        await LeadRows.InsertActionAsync(transaction, LeadId, ClientId, "created", submission.Source, now);
        await transaction.CommitAsync();
        lead = created;
        return created;
    }

    public Task<LeadSnapshot?> GetAsync() => Task.FromResult(lead);
}

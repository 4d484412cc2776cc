using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;

namespace Avenir.Grains.Leads;

/// <inheritdoc cref="ILeadGrain"/>
public sealed partial class LeadGrain(TenantDatabase database, TimeProvider time) : Grain, ILeadGrain
{
    private LeadSnapshot? lead;
    private bool loaded;

    private Guid LeadId => this.GetPrimaryKey(out _);

    private Guid ClientId => LeadGrainKey.ClientIdOf(this);

    public async Task<LeadIntakeResult> SubmitAsync(LeadIntake intake)
    {
        // The same transaction as intake's group commit (LeadIntakeGrain), for this one lead with this grain's id.
        var pending = new PendingLead(LeadId, intake, time.GetUtcNow());
        await LeadIntakeWriter.WriteAsync(database, ClientId, [pending], Logger);
        var result = await pending.Answer;
        if (result.Outcome == LeadIntakeOutcome.Created)
        {
            loaded = false; // read back on demand; intake itself needs no snapshot
        }

        return result;
    }

    public async Task<LeadSnapshot> CreateAsync(LeadSubmission submission)
    {
        if (await LoadAsync() is { } existing)
        {
            return existing;
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
            loaded = true;
            return lead;
        }

        await LeadRows.InsertActionAsync(transaction, LeadId, ClientId, "created", submission.Source, now);
        await transaction.CommitAsync();
        (lead, loaded) = (created, true);
        await NotifyClientAsync(null, new LeadStatus { ReceivedAt = created.CreatedAt, Language = created.Language });
        return created;
    }

    public Task<LeadSnapshot?> GetAsync() => LoadAsync();

    /// <summary>
    /// Loads the row on first need rather than on activation: intake activates a grain for every new lead,
    /// and a read that can only find nothing would be a wasted query on the hottest path.
    /// </summary>
    private async Task<LeadSnapshot?> LoadAsync()
    {
        if (!loaded)
        {
            await using var transaction = await database.BeginForClientAsync(ClientId);
            lead = await LeadRows.FindAsync(transaction, LeadId);
            loaded = true;
        }

        return lead;
    }
}

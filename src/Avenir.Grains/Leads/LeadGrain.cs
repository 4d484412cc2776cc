namespace Avenir.Grains.Leads;

/// <inheritdoc cref="ILeadGrain"/>
public sealed partial class LeadGrain(TenantDatabase database, TimeProvider time) : Grain, ILeadGrain
{
    private LeadSnapshot? lead;
    private bool loaded;

    private Guid LeadId => this.GetPrimaryKey(out _);

    private Guid ClientId => LeadGrainKey.ClientIdOf(this);

    public Task<LeadSnapshot?> GetAsync() => LoadAsync();

    /// <summary>
    /// Loads the row on first need rather than on activation: most calls (enrichment, auto-reply, dashboard
    /// commands) read what they need under their own row lock and never need the snapshot.
    /// </summary>
    private async Task<LeadSnapshot?> LoadAsync()
    {
        if (!loaded)
        {
            await using var transaction = await database.BeginForClientAsync(ClientId);
            lead = await LeadRows.FindAsync(transaction, ClientId, LeadId);
            loaded = true;
        }

        return lead;
    }
}

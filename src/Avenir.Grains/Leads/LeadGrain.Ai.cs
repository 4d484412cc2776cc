namespace Avenir.Grains.Leads;

// What the AI features record on the lead's activity (job handlers decide; the grain writes).
public sealed partial class LeadGrain
{
    public async Task<bool> RecordAiFallbackAsync(AiFallback fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForClientAsync(ClientId);
        if (await LeadManagementRows.LockStatusAsync(transaction, ClientId, LeadId) is null)
        {
            return false;
        }

        await LeadManagementRows.InsertActionAsync(transaction, ClientId, LeadId, new LeadAction(LeadActionTypes.AiFallback)
        {
            Reason = Truncate(fallback.Reason, 1000),
            Metadata = new()
            {
                ["feature"] = fallback.Feature,
                ["violations"] = fallback.Violations,
                ["answeredBy"] = fallback.AnsweredBy,
                ["promptVariant"] = fallback.PromptVariant,
            },
        }, "system", now);
        await transaction.CommitAsync();
        return true;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

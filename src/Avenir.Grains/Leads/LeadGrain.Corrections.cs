using Avenir.Grains.Growth;

namespace Avenir.Grains.Leads;

// A user correcting the AI's labels. The prediction it corrects and the user's answer go to feedback_tracking
// for the learning job; the lead changes like any other command, and the client's growth figures follow.
public sealed partial class LeadGrain
{
    public async Task<LeadCommandResult> CorrectEnrichmentAsync(string? intent, string? urgency, string? tone, string performedBy)
    {
        var (newIntent, newUrgency, newTone) = (Label(intent, LeadLabels.Intent), Label(urgency, LeadLabels.Urgency), Label(tone, LeadLabels.Tone));
        if (newIntent == InvalidLabel || newUrgency == InvalidLabel || newTone == InvalidLabel)
        {
            return new LeadCommandResult(LeadCommandOutcome.Refused, null, LeadRefusals.InvalidLabel);
        }

        var now = time.GetUtcNow();
        LeadStatus before, after;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            if (await LeadManagementRows.LockStatusAsync(transaction, ClientId, LeadId) is not { } current)
            {
                return LeadCommandResult.NotFound;
            }

            if (current.Deleted || current.Intent is null)
            {
                return new LeadCommandResult(LeadCommandOutcome.Refused, current, current.Deleted ? LeadRefusals.LeadDeleted : LeadRefusals.NotEnriched);
            }

            var corrected = current with { Intent = newIntent ?? current.Intent, Urgency = newUrgency ?? current.Urgency, Tone = newTone ?? current.Tone };
            string[] fields =
            [
                .. corrected.Intent != current.Intent ? ["intent"] : Array.Empty<string>(),
                .. corrected.Urgency != current.Urgency ? ["urgency"] : Array.Empty<string>(),
                .. corrected.Tone != current.Tone ? ["tone"] : Array.Empty<string>(),
            ];
            if (fields.Length == 0)
            {
                return new LeadCommandResult(LeadCommandOutcome.Unchanged, current);
            }

            var predicted = Labels(current);
            var actual = Labels(corrected);
            await LeadCorrectionRows.UpdateLabelsAsync(transaction, ClientId, LeadId, corrected, fields, performedBy, now);
            await LeadManagementRows.InsertActionAsync(transaction, ClientId, LeadId, new LeadAction(LeadActionTypes.EnrichmentCorrected)
            {
                Metadata = new() { ["fields"] = fields, ["predicted"] = predicted, ["actual"] = actual },
            }, performedBy, now);
            await LeadCorrectionRows.InsertFeedbackAsync(transaction, ClientId, LeadId, predicted, actual, fields, now);
            await transaction.CommitAsync();
            (before, after) = (current, corrected);
        }

        loaded = false; // the snapshot lags the row now: read it back on next need
        await NotifyClientAsync(before, after);
        return new LeadCommandResult(LeadCommandOutcome.Applied, after);
    }

    private const string InvalidLabel = "\0invalid";

    /// <summary>The canonical label, null when not given, <see cref="InvalidLabel"/> when not a label.</summary>
    private static string? Label(string? value, Func<string, string?> canonical) =>
        value is null ? null : canonical(value) ?? InvalidLabel;

    private static Dictionary<string, object?> Labels(LeadStatus status) =>
        new() { ["intent"] = status.Intent, ["urgency"] = status.Urgency, ["tone"] = status.Tone };
}

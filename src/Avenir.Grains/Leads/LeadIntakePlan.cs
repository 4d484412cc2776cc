namespace Avenir.Grains.Leads;

/// <summary>
/// What one intake transaction writes, decided in memory for its submissions in the order they arrived,
/// from the earlier leads the database holds: the rules of a single submission, applied as if the
/// submissions had come one after the other. The idempotency key decides first (same body: replay;
/// another body: reused), then the content (an identical lead within the duplicate window: merged), else
/// the lead is created — and a lead created earlier in the same transaction counts as an earlier lead.
/// </summary>
internal sealed class LeadIntakePlan
{
    private LeadIntakePlan(
        IReadOnlyList<PendingLead> created,
        IReadOnlyList<(Guid LeadId, DateTimeOffset At)> merged,
        IReadOnlyList<(PendingLead Lead, LeadIntakeResult Result)> answers)
    {
        Created = created;
        Merged = merged;
        Answers = answers;
    }

    /// <summary>The submissions stored as new leads, in arrival order.</summary>
    public IReadOnlyList<PendingLead> Created { get; }

    /// <summary>One entry per duplicate submission: the lead it is merged into, and when it arrived.</summary>
    public IReadOnlyList<(Guid LeadId, DateTimeOffset At)> Merged { get; }

    /// <summary>Every submission's answer, to be given once the transaction committed.</summary>
    public IReadOnlyList<(PendingLead Lead, LeadIntakeResult Result)> Answers { get; }

    public bool WritesNothing => Created.Count == 0 && Merged.Count == 0;

    /// <param name="leads">The submissions, in arrival order.</param>
    /// <param name="byKey">Stored leads by idempotency key (looked up under the keys' locks).</param>
    /// <param name="byContent">The most recent stored, not deleted lead by fingerprint, within the widest window of the submissions that have it.</param>
    public static LeadIntakePlan Resolve(
        IReadOnlyList<PendingLead> leads,
        IReadOnlyDictionary<string, LeadIntakeRows.Earlier> byKey,
        IReadOnlyDictionary<string, LeadIntakeRows.Earlier> byContent)
    {
        var keys = new Dictionary<string, LeadIntakeRows.Earlier>(byKey, StringComparer.Ordinal);
        var contents = new Dictionary<string, LeadIntakeRows.Earlier>(byContent, StringComparer.Ordinal);
        var created = new List<PendingLead>(leads.Count);
        var merged = new List<(Guid, DateTimeOffset)>();
        var answers = new List<(PendingLead, LeadIntakeResult)>(leads.Count);
        foreach (var lead in leads)
        {
            var key = lead.Intake.IdempotencyKey;
            if (key is not null && keys.TryGetValue(key, out var first))
            {
                var outcome = first.RequestHash == lead.Intake.RequestHash ? LeadIntakeOutcome.Replayed : LeadIntakeOutcome.IdempotencyKeyReused;
                answers.Add((lead, new LeadIntakeResult(outcome, first.LeadId, first.ReceivedAt)));
            }
            else if (contents.TryGetValue(lead.Fingerprint, out var same) && same.ReceivedAt > lead.DuplicateSince)
            {
                merged.Add((same.LeadId, lead.ReceivedAt));
                answers.Add((lead, new LeadIntakeResult(LeadIntakeOutcome.Duplicate, same.LeadId, same.ReceivedAt)));
            }
            else
            {
                created.Add(lead);
                var stored = new LeadIntakeRows.Earlier(lead.LeadId, lead.ReceivedAt, lead.Intake.RequestHash, ByIdempotencyKey: key is not null);
                if (key is not null)
                {
                    keys[key] = stored;
                }

                contents[lead.Fingerprint] = stored;
                answers.Add((lead, new LeadIntakeResult(LeadIntakeOutcome.Created, lead.LeadId, lead.ReceivedAt)));
            }
        }

        return new LeadIntakePlan(created, merged, answers);
    }
}

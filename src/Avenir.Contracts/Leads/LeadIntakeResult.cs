namespace Avenir.Contracts.Leads;

/// <summary>What became of a submission.</summary>
public enum LeadIntakeOutcome
{
    /// <summary>A new lead was stored, with its follow-up jobs.</summary>
    Created,

    /// <summary>The idempotency key was seen with the same body: the first lead is the answer.</summary>
    Replayed,

    /// <summary>An identical submission arrived within the duplicate window: merged into the earlier lead.</summary>
    Duplicate,

    /// <summary>The idempotency key was seen with a different body: nothing stored.</summary>
    IdempotencyKeyReused,
}

/// <summary>
/// The outcome of <see cref="ILeadGrain.SubmitAsync"/> and the lead it concerns (null when <see cref="LeadIntakeOutcome.IdempotencyKeyReused"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadIntakeResult")]
public sealed record class LeadIntakeResult(
    [property: Id(0)] LeadIntakeOutcome Outcome,
    [property: Id(1)] Guid LeadId,
    [property: Id(2)] DateTimeOffset ReceivedAt);

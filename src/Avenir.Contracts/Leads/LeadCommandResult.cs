namespace Avenir.Contracts.Leads;

/// <summary>How a lead command ended.</summary>
public enum LeadCommandOutcome
{
    /// <summary>The lead changed; an action was recorded.</summary>
    Applied,

    /// <summary>The lead already was in the asked state: nothing written.</summary>
    Unchanged,

    /// <summary>This client has no lead (or note) with this id.</summary>
    NotFound,

    /// <summary>The command does not apply to the lead's state (see <see cref="LeadCommandResult.Refusal"/>).</summary>
    Refused,
}

/// <summary>
/// A lead's state as the dashboard and the growth figures see it: tag and status flags, when it arrived, and the
/// enrichment labels. A lead event is a pair (before, after) of these; null stands for "no lead" (before a creation,
/// after an erasure). A soft-deleted lead counts in no figure.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadStatus")]
public sealed record class LeadStatus
{
    [Id(0)] public string? Tag { get; init; }
    [Id(1)] public bool Archived { get; init; }
    [Id(2)] public bool Deleted { get; init; }
    [Id(3)] public DateTimeOffset? ConvertedAt { get; init; }
    [Id(4)] public DateTimeOffset ReceivedAt { get; init; }
    [Id(5)] public string? Language { get; init; }
    [Id(6)] public string? Intent { get; init; }
    [Id(7)] public string? Tone { get; init; }
    [Id(8)] public string? Urgency { get; init; }

    /// <summary><c>confidence_score</c> as stored, 0.00–1.00 (two decimals), so sums agree with SQL's.</summary>
    [Id(9)] public decimal? Confidence { get; init; }

    public bool Converted => ConvertedAt is not null;
}

/// <summary>The answer to a lead command.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadCommandResult")]
public sealed record class LeadCommandResult(
    [property: Id(0)] LeadCommandOutcome Outcome,
    [property: Id(1)] LeadStatus? Status,
    [property: Id(2)] string? Refusal = null)
{
    public static readonly LeadCommandResult NotFound = new(LeadCommandOutcome.NotFound, null);
}

/// <summary>A note on a lead, with its earlier versions.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadNote")]
public sealed record class LeadNote
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required Guid LeadId { get; init; }
    [Id(2)] public required string Text { get; init; }
    [Id(3)] public required string PerformedBy { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Previous texts, oldest first.</summary>
    [Id(6)] public IReadOnlyList<LeadNoteEdit> EditHistory { get; init; } = [];
}

/// <summary>A note's text before one edit.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadNoteEdit")]
public sealed record class LeadNoteEdit(
    [property: Id(0)] string Text,
    [property: Id(1)] DateTimeOffset EditedAt,
    [property: Id(2)] string? PerformedBy);

/// <summary>The answer to a note command; <see cref="Note"/> is the note after it (null when deleted or not found).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadNoteResult")]
public sealed record class LeadNoteResult(
    [property: Id(0)] LeadCommandOutcome Outcome,
    [property: Id(1)] LeadNote? Note,
    [property: Id(2)] string? Refusal = null);

using Avenir.Contracts.Leads;

namespace Avenir.Contracts.Growth;

/// <summary>
/// What one lead contributes to its client's growth figures: the columns of <c>lead_memory</c> the growth
/// brain reads, and nothing else. A lead event is a pair (before, after); null stands for "no lead"
/// (before a creation, after an erasure). A soft-deleted lead contributes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Growth.LeadFacts")]
public sealed record class LeadFacts
{
    /// <summary><c>created_at</c>: decides the lead's week.</summary>
    [Id(0)] public DateTimeOffset ReceivedAt { get; init; }

    /// <summary><c>en</c>, <c>fr</c> or null (not known yet).</summary>
    [Id(1)] public string? Language { get; init; }

    /// <summary>One of the 12 intent labels; null until enriched (a lead with an intent counts as enriched).</summary>
    [Id(2)] public string? Intent { get; init; }

    /// <summary>High, Medium or Low.</summary>
    [Id(3)] public string? Urgency { get; init; }

    /// <summary>Professional, Friendly, Formal, Casual, Frustrated or Enthusiastic.</summary>
    [Id(4)] public string? Tone { get; init; }

    /// <summary><c>confidence_score</c>, 0.00–1.00 exactly as stored (two decimals), so sums agree with SQL's.</summary>
    [Id(5)] public decimal? Confidence { get; init; }

    [Id(6)] public bool Archived { get; init; }

    [Id(7)] public bool Deleted { get; init; }

    [Id(8)] public bool Converted { get; init; }

    /// <summary>The lead carries a tag (<c>current_tag</c> not null).</summary>
    [Id(9)] public bool Tagged { get; init; }

    /// <summary>High urgency and neither archived nor converted: someone still has to act on it.</summary>
    public bool IsOpenHighUrgency => Urgency == LeadLabels.HighUrgency && !Archived && !Converted;

    /// <summary>The client acted on the lead: tagged, archived or converted.</summary>
    public bool IsHandled => Tagged || Archived || Converted;
}

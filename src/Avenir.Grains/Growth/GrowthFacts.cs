namespace Avenir.Grains.Growth;

/// <summary>
/// What one lead (or one group of alike leads, in a recompute) contributes to its client's growth figures: the
/// columns of <c>lead_memory</c> the growth brain reads, and nothing else.
/// </summary>
public readonly record struct GrowthFacts(
    DateTimeOffset ReceivedAt, string? Language, string? Intent, string? Urgency, string? Tone, bool Archived, bool Converted, bool Tagged)
{
    /// <summary>High urgency and neither archived nor converted: someone still has to act on it.</summary>
    public bool IsOpenHighUrgency => Urgency == LeadLabels.HighUrgency && !Archived && !Converted;

    /// <summary>The client acted on the lead: tagged, archived or converted.</summary>
    public bool IsHandled => Tagged || Archived || Converted;

    public static GrowthFacts Of(LeadStatus lead) =>
        new(lead.ReceivedAt, lead.Language, lead.Intent, lead.Urgency, lead.Tone, lead.Archived, lead.Converted, lead.Tag is not null);
}

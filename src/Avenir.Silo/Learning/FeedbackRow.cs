using Avenir.Contracts.Learning;

namespace Avenir.Silo.Learning;

/// <summary>What the learning job reads of a <c>feedback_tracking</c> row.</summary>
public sealed record FeedbackRow(
    Guid Id,
    Guid? ClientId,
    Guid? LeadId,
    string ActionType,
    string Outcome,
    string? Kind,
    string? ModelName,
    DateTimeOffset CreatedAt,
    bool LearningApplied,
    IReadOnlySet<string> CorrectedFields)
{
    /// <summary>An enrichment's prediction (logged by <c>ILeadGrain.ApplyEnrichmentAsync</c>).</summary>
    public bool IsPrediction => ActionType == FeedbackKinds.SystemPerformanceAction && Kind == FeedbackKinds.LeadEnrichment;

    /// <summary>A user's correction of the enrichment (<c>user_action</c>, kind <c>enrichment_correction</c>).</summary>
    public bool IsCorrection => ActionType == FeedbackKinds.UserAction && Kind == FeedbackKinds.EnrichmentCorrection;

    /// <summary>A conversion or a reply to the auto-reply: a person dealt with the lead.</summary>
    public bool IsPositiveSignal => ActionType is FeedbackKinds.LeadConversionAction or FeedbackKinds.EmailResponseAction && Outcome == FeedbackKinds.Positive;

    /// <summary>Orders a lead's rows as they happened (ties broken by id, as the database pages them).</summary>
    public static int Chronologically(FeedbackRow a, FeedbackRow b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }
}

namespace Avenir.Contracts.Learning;

/// <summary>
/// The vocabulary of <c>feedback_tracking</c> (docs/learning-loop.md): <c>action_type</c> (V11's CHECK), <c>outcome</c>,
/// and <c>context_data.kind</c>, which the grains write and the learning jobs and admin API read.
/// </summary>
public static class FeedbackKinds
{
    // action_type
    public const string LeadConversionAction = "lead_conversion";
    public const string EmailResponseAction = "email_response";
    public const string UserAction = "user_action";
    public const string SystemPerformanceAction = "system_performance";

    // outcome
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Neutral = "neutral";

    // context_data.kind
    /// <summary>The enrichment's prediction (action <c>system_performance</c>).</summary>
    public const string LeadEnrichment = "lead_enrichment";

    /// <summary>A user corrected the labels (action <c>user_action</c>, negative).</summary>
    public const string EnrichmentCorrection = "enrichment_correction";

    /// <summary>A user set a tag (action <c>user_action</c>, neutral).</summary>
    public const string Tag = "tag";

    /// <summary>The lead converted (action <c>lead_conversion</c>, positive).</summary>
    public const string Conversion = "conversion";

    /// <summary>A conversion was undone (action <c>lead_conversion</c>, negative).</summary>
    public const string ConversionReverted = "conversion_reverted";

    /// <summary>The auto-reply was answered or bounced (action <c>email_response</c>).</summary>
    public const string AutoReplyOutcome = "auto_reply_outcome";
}

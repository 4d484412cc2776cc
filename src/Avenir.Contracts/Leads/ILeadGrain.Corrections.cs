namespace Avenir.Contracts.Leads;

// A user correcting the AI's labels: an outcome for the learning loop (DESIGN §4.3) and a lead event for the growth brain.
public partial interface ILeadGrain
{
    /// <summary>
    /// Replaces the given enrichment labels (null: keep that one) with the user's, appending the new tone and
    /// urgency to their histories, with a <c>lead_actions</c> row <c>enrichment_corrected</c> and a
    /// <c>feedback_tracking</c> row (<c>user_action</c>, <c>negative</c>, the lead's <c>enrichment_model</c>,
    /// context <c>{"kind":"enrichment_correction","predicted":{…},"actual":{…},"fields":[…]}</c>).
    /// Refusals: <c>lead_deleted</c>, <c>not_enriched</c> (nothing to correct yet), <c>invalid_label</c>.
    /// Labels equal to the current ones change nothing (<see cref="LeadCommandOutcome.Unchanged"/>).
    /// </summary>
    [Alias("CorrectEnrichment")]
    Task<LeadCommandResult> CorrectEnrichmentAsync(string? intent, string? urgency, string? tone, string performedBy);
}

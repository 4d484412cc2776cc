using Avenir.Contracts.Learning;

namespace Avenir.Grains.Leads;

/// <summary>The statements of a user's correction of the enrichment labels, run in the lead's tenant transaction.</summary>
internal static class LeadCorrectionRows
{
    /// <summary>What the histories record as the "model" of a user's correction.</summary>
    public const string UserModel = "user_correction";

    /// <summary>
    /// Writes the corrected labels; a corrected tone or urgency is appended to its history as
    /// <c>{value, at, model: "user_correction", performedBy}</c> (intent has no history column).
    /// </summary>
    public static Task UpdateLabelsAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, LeadStatus corrected, string[] fields, string performedBy, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            """
            UPDATE lead_memory
               SET intent = @Intent, urgency = @Urgency, tone = @Tone,
                   tone_history = CASE WHEN 'tone' = ANY (@fields) THEN tone_history || jsonb_build_array(jsonb_build_object(
                       'value', @Tone::text, 'at', @at::timestamptz, 'model', @model::text, 'performedBy', @performedBy::text)) ELSE tone_history END,
                   urgency_history = CASE WHEN 'urgency' = ANY (@fields) THEN urgency_history || jsonb_build_array(jsonb_build_object(
                       'value', @Urgency::text, 'at', @at::timestamptz, 'model', @model::text, 'performedBy', @performedBy::text)) ELSE urgency_history END,
                   updated_at = @at
             WHERE client_id = @clientId AND id = @leadId
            """,
            new { clientId, leadId, corrected.Intent, corrected.Urgency, corrected.Tone, fields, at, model = UserModel, performedBy });

    /// <summary>
    /// The correction as the learning job reads it: <c>user_action</c>, <c>negative</c> (the model was wrong on at
    /// least one field), <c>model_name</c> = the lead's <c>enrichment_model</c>, context
    /// <c>{"kind":"enrichment_correction","predicted":{intent,urgency,tone},"actual":{…},"fields":[…]}</c>.
    /// </summary>
    public static Task InsertFeedbackAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, Dictionary<string, object?> predicted, Dictionary<string, object?> actual,
        string[] fields, DateTimeOffset at) =>
        LeadFeedbackRows.InsertUserActionAsync(
            transaction, clientId, leadId, FeedbackKinds.Negative,
            new Dictionary<string, object?>
            {
                ["kind"] = FeedbackKinds.EnrichmentCorrection, ["predicted"] = predicted, ["actual"] = actual, ["fields"] = fields,
            },
            at);
}

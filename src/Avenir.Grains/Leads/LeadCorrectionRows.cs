using System.Text.Json;
using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;
using NpgsqlTypes;

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
    public static async Task UpdateLabelsAsync(TenantTransaction transaction, Guid clientId, Guid leadId, LeadStatus corrected, string[] fields, string performedBy, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            UPDATE lead_memory
               SET intent = $3, urgency = $4, tone = $5,
                   tone_history = CASE WHEN 'tone' = ANY ($6) THEN tone_history || jsonb_build_array(jsonb_build_object(
                       'value', $5::text, 'at', $7::timestamptz, 'model', $8::text, 'performedBy', $9::text)) ELSE tone_history END,
                   urgency_history = CASE WHEN 'urgency' = ANY ($6) THEN urgency_history || jsonb_build_array(jsonb_build_object(
                       'value', $4::text, 'at', $7::timestamptz, 'model', $8::text, 'performedBy', $9::text)) ELSE urgency_history END,
                   updated_at = $7
             WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId, corrected.Intent, corrected.Urgency, corrected.Tone, fields, at, UserModel, performedBy);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The correction as the learning job reads it: <c>user_action</c>, <c>negative</c> (the model was wrong on at
    /// least one field), <c>model_name</c> = the lead's <c>enrichment_model</c>, context
    /// <c>{"kind":"enrichment_correction","predicted":{intent,urgency,tone},"actual":{…},"fields":[…]}</c>.
    /// </summary>
    public static async Task InsertFeedbackAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, Dictionary<string, object?> predicted, Dictionary<string, object?> actual, string[] fields, DateTimeOffset at)
    {
        var context = new Dictionary<string, object?> { ["kind"] = "enrichment_correction", ["predicted"] = predicted, ["actual"] = actual, ["fields"] = fields };
        await using var command = transaction.Command(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, model_name, is_test, expires_at, created_at, updated_at)
            SELECT id, client_id, 'user_action', 'negative', confidence_score, $3, enrichment_model, is_test, $4::timestamptz + interval '1 year', $4, $4
              FROM lead_memory WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId, new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(context) }, at);
        await command.ExecuteNonQueryAsync();
    }
}

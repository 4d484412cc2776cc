using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Leads;

/// <summary>The statements that record a lead's outcomes for the learning loop, run in the lead's tenant transaction.</summary>
internal static class LeadFeedbackRows
{
    /// <summary><c>replied</c> or <c>bounced</c>: the <c>event</c> of the feedback context.</summary>
    public static string EventName(AutoReplyEvent value) => value switch
    {
        AutoReplyEvent.Replied => "replied",
        AutoReplyEvent.Bounced => "bounced",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown auto-reply event."),
    };

    /// <summary>Locks the lead when its auto-reply went out with <paramref name="messageId"/>; false when not.</summary>
    public static async Task<bool> LockAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId)
    {
        await using var command = transaction.Command(
            "SELECT 1 FROM lead_memory WHERE client_id = $1 AND id = $2 AND auto_reply_message_id = $3 FOR UPDATE",
            clientId, leadId, messageId);
        return await command.ExecuteScalarAsync() is not null;
    }

    public static async Task<bool> HasEmailResponseAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string eventName)
    {
        await using var command = transaction.Command(
            """
            SELECT 1 FROM feedback_tracking
             WHERE client_id = $1 AND lead_id = $2 AND action_type = 'email_response' AND context_data ->> 'event' = $3
            """,
            clientId, leadId, eventName);
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>
    /// <c>email_response</c>, positive for a reply and negative for a bounce, with what was predicted for the lead
    /// (the reply answered a message written from that prediction) and the model that predicted it.
    /// </summary>
    public static async Task InsertEmailResponseFeedbackAsync(TenantTransaction transaction, Guid clientId, Guid leadId, AutoReplyOutcome outcome, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, context_data, notes, model_name, is_test, expires_at, created_at, updated_at)
            SELECT id, client_id, 'email_response', $3,
                   jsonb_build_object(
                       'kind', 'auto_reply_outcome',
                       'event', $4::text,
                       'messageId', $5::text,
                       'occurredAt', $6::timestamptz,
                       'detail', $7::text,
                       'predicted', jsonb_build_object('intent', intent, 'urgency', urgency, 'tone', tone, 'language', language)),
                   $7, enrichment_model, is_test, $8::timestamptz + interval '1 year', $8, $8
              FROM lead_memory WHERE client_id = $1 AND id = $2
            """,
            clientId, leadId, outcome.Event == AutoReplyEvent.Replied ? "positive" : "negative", EventName(outcome.Event),
            outcome.MessageId, outcome.OccurredAt ?? at, Text(outcome.Detail), at);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}

using Avenir.Contracts.Learning;

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

    /// <summary>
    /// A user's action on the lead as a learning-loop outcome (<c>user_action</c>), with the lead's current confidence
    /// and model, expiring after a year like every feedback row.
    /// </summary>
    public static Task InsertUserActionAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, string outcome, IReadOnlyDictionary<string, object?> context, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, confidence_score, context_data, model_name, is_test,
                                           expires_at, created_at, updated_at)
            SELECT id, client_id, @action, @outcome, confidence_score, @context, enrichment_model, is_test,
                   @at::timestamptz + interval '1 year', @at, @at
              FROM lead_memory WHERE client_id = @clientId AND id = @leadId
            """,
            new { clientId, leadId, action = FeedbackKinds.UserAction, outcome, context = Sql.Jsonb(context), at });

    /// <summary>Locks the lead when its auto-reply went out with <paramref name="messageId"/>; false when not.</summary>
    public static async Task<bool> LockAutoReplyAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string messageId) =>
        await transaction.ExecuteScalarAsync<int?>(
            "SELECT 1 FROM lead_memory WHERE client_id = @clientId AND id = @leadId AND auto_reply_message_id = @messageId FOR UPDATE",
            new { clientId, leadId, messageId }) is not null;

    public static async Task<bool> HasEmailResponseAsync(TenantTransaction transaction, Guid clientId, Guid leadId, string eventName) =>
        await transaction.ExecuteScalarAsync<int?>(
            """
            SELECT 1 FROM feedback_tracking
             WHERE client_id = @clientId AND lead_id = @leadId AND action_type = @action AND context_data ->> 'event' = @eventName
            """,
            new { clientId, leadId, eventName, action = FeedbackKinds.EmailResponseAction }) is not null;

    /// <summary>
    /// <c>email_response</c>, positive for a reply and negative for a bounce, with what was predicted for the lead
    /// (the reply answered a message written from that prediction) and the model that predicted it.
    /// </summary>
    public static Task InsertEmailResponseFeedbackAsync(
        TenantTransaction transaction, Guid clientId, Guid leadId, AutoReplyOutcome outcome, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO feedback_tracking (lead_id, client_id, action_type, outcome, context_data, notes, model_name, is_test, expires_at,
                                           created_at, updated_at)
            SELECT id, client_id, @action, @outcome,
                   jsonb_build_object(
                       'kind', @kind::text,
                       'event', @eventName::text,
                       'messageId', @MessageId::text,
                       'occurredAt', @occurredAt::timestamptz,
                       'detail', @Detail::text,
                       'predicted', jsonb_build_object('intent', intent, 'urgency', urgency, 'tone', tone, 'language', language)),
                   @Detail, enrichment_model, is_test, @at::timestamptz + interval '1 year', @at, @at
              FROM lead_memory WHERE client_id = @clientId AND id = @leadId
            """,
            new
            {
                clientId,
                leadId,
                action = FeedbackKinds.EmailResponseAction,
                outcome = outcome.Event == AutoReplyEvent.Replied ? FeedbackKinds.Positive : FeedbackKinds.Negative,
                kind = FeedbackKinds.AutoReplyOutcome,
                eventName = EventName(outcome.Event),
                outcome.MessageId,
                occurredAt = outcome.OccurredAt ?? at,
                outcome.Detail,
                at,
            });
}

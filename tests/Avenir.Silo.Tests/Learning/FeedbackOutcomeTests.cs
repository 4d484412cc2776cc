using Avenir.Contracts.Leads;
using Avenir.Silo.Tests.Infrastructure;

namespace Avenir.Silo.Tests.Learning;

/// <summary>Auto-reply outcomes through the lead grain (<c>ILeadGrain.RecordAutoReplyOutcomeAsync</c>).</summary>
[Collection(ClusterCollection.Name)]
public sealed class FeedbackOutcomeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_reply_recorded_twice_writes_one_positive_feedback_row_and_one_action()
    {
        var (clientId, leadId, messageId) = await LeadWithAutoReplyAsync();
        var grain = fixture.Grains.GetLeadGrain(clientId, leadId);
        var occurredAt = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var reply = new AutoReplyOutcome { MessageId = messageId, Event = AutoReplyEvent.Replied, OccurredAt = occurredAt, Detail = "Re: Merci" };

        Assert.Equal(AutoReplyOutcomeResult.Recorded, await grain.RecordAutoReplyOutcomeAsync(reply));
        Assert.Equal(AutoReplyOutcomeResult.AlreadyRecorded, await grain.RecordAutoReplyOutcomeAsync(reply));

        Assert.Equal($"email_response|positive|auto_reply_outcome|replied|{messageId}|2026-11-20T14:30:00+00:00|Re: Merci|f|t", await ScalarAsync(
            """
            SELECT string_agg(concat_ws('|', action_type, outcome, context_data ->> 'kind', context_data ->> 'event', context_data ->> 'messageId',
                                        context_data ->> 'occurredAt', notes, learning_applied, expires_at = created_at + interval '1 year'), ';')
              FROM feedback_tracking WHERE lead_id = $1
            """, leadId));
        Assert.Equal("created,auto_reply_replied", await ScalarAsync(
            "SELECT string_agg(action_type, ',' ORDER BY created_at) FROM lead_actions WHERE lead_id = $1", leadId));
    }

    [Fact]
    public async Task A_bounce_is_a_negative_outcome_recorded_beside_a_reply()
    {
        var (clientId, leadId, messageId) = await LeadWithAutoReplyAsync();
        var grain = fixture.Grains.GetLeadGrain(clientId, leadId);

        Assert.Equal(AutoReplyOutcomeResult.Recorded, await grain.RecordAutoReplyOutcomeAsync(
            new() { MessageId = messageId, Event = AutoReplyEvent.Bounced, Detail = "550 5.1.1 mailbox unknown" }));
        Assert.Equal(AutoReplyOutcomeResult.AlreadyRecorded, await grain.RecordAutoReplyOutcomeAsync(
            new() { MessageId = messageId, Event = AutoReplyEvent.Bounced }));
        Assert.Equal(AutoReplyOutcomeResult.Recorded, await grain.RecordAutoReplyOutcomeAsync(new() { MessageId = messageId, Event = AutoReplyEvent.Replied }));

        Assert.Equal("bounced:negative,replied:positive", await ScalarAsync(
            "SELECT string_agg((context_data ->> 'event') || ':' || outcome, ',' ORDER BY context_data ->> 'event') "
            + "FROM feedback_tracking WHERE lead_id = $1 AND action_type = 'email_response'",
            leadId));
    }

    [Fact]
    public async Task Another_message_id_or_another_clients_lead_is_not_found_and_writes_nothing()
    {
        var (clientId, leadId, messageId) = await LeadWithAutoReplyAsync();
        var otherClient = await TestClients.RegisterAsync(fixture.Grains);

        Assert.Equal(AutoReplyOutcomeResult.NotFound, await fixture.Grains.GetLeadGrain(clientId, leadId)
            .RecordAutoReplyOutcomeAsync(new() { MessageId = "someone-else@avenir.test", Event = AutoReplyEvent.Replied }));
        // The lead addressed with the wrong tenant: row-level security hides it from that grain.
        Assert.Equal(AutoReplyOutcomeResult.NotFound, await fixture.Grains.GetLeadGrain(otherClient, leadId)
            .RecordAutoReplyOutcomeAsync(new() { MessageId = messageId, Event = AutoReplyEvent.Replied }));
        Assert.Equal("0", await ScalarAsync("SELECT count(*)::text FROM feedback_tracking WHERE lead_id = $1", leadId));
    }

    private async Task<(Guid ClientId, Guid LeadId, string MessageId)> LeadWithAutoReplyAsync()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, TestLeads.Submission("Bonjour", "Marie Tremblay"));
        var grain = fixture.Grains.GetLeadGrain(clientId, leadId);
        var messageId = $"{Guid.NewGuid():N}@avenir.test";
        await grain.ReserveAutoReplyAsync(messageId, new AutoReplyLimits());
        await grain.MarkAutoReplySentAsync(messageId, "Sent in fr (Friendly) from template.");
        return (clientId, leadId, messageId);
    }

    private async Task<string?> ScalarAsync(string sql, params object[] parameters) =>
        await OwnerSql.ScalarAsync(fixture.Database, sql, parameters) as string;
}

namespace Avenir.Api.Admin;

/// <summary>Finds the lead an email event is about (system: the Message-ID is what tells the tenant).</summary>
public sealed class EmailEventQueries(TenantDatabase database)
{
    /// <summary>A lead of one client.</summary>
    public sealed record LeadRef(Guid ClientId, Guid Id);

    /// <summary>The lead whose auto-reply carried <paramref name="messageId"/>; naming every client keeps it on the V35 index.</summary>
    public async Task<LeadRef?> LeadByAutoReplyAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<LeadRef>(
            """
            SELECT client_id, id FROM lead_memory
             WHERE client_id = ANY (ARRAY(SELECT client_id FROM clients)) AND auto_reply_message_id = @messageId
             LIMIT 1
            """,
            new { messageId }, cancellationToken);
    }
}

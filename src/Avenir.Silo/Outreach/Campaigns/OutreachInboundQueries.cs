namespace Avenir.Silo.Outreach.Campaigns;

/// <summary>One of our sent emails, by its Message-ID.</summary>
public sealed record SentOutreachEmail(Guid Id, Guid CampaignId, string MessageId);

/// <summary>Reads for the mailbox scan and the job scheduler (system scope: agency work).</summary>
public sealed class OutreachInboundQueries(TenantDatabase database)
{
    /// <summary>How far back replies and bounces are matched.</summary>
    public static readonly TimeSpan MatchPeriod = TimeSpan.FromDays(180);

    /// <summary>The Message-IDs of the emails <paramref name="senderAddress"/> sent since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyDictionary<string, SentOutreachEmail>> SentFromAsync(string senderAddress, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var rows = await transaction.QueryAsync<SentOutreachEmail>(
            """
            SELECT id, campaign_id, message_id FROM outreach_emails
             WHERE lower(sender_email) = lower(@senderAddress) AND message_id IS NOT NULL AND coalesce(sent_at, bounced_at) >= @since
            """,
            new { senderAddress, since }, cancellationToken);
        return rows.ToDictionary(r => r.MessageId, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The campaign of an email (for an unsubscribe by mailto:, whose token names the email).</summary>
    public async Task<Guid?> CampaignOfAsync(Guid emailId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT campaign_id FROM outreach_emails WHERE id = @emailId", new { emailId }, cancellationToken);
    }

    /// <summary>The active campaigns, for the <c>bulk_email</c> scheduler.</summary>
    public async Task<IReadOnlyList<Guid>> ActiveCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<Guid>(
            "SELECT id FROM outreach_campaigns WHERE status = @active ORDER BY created_at", new { active = Avenir.Contracts.Outreach.CampaignStatuses.Active },
            cancellationToken);
    }
}

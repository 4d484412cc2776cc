namespace Avenir.Silo.Seeding;

/// <summary>What the development seeders read: a current credential to leave alone, the demo campaign's emails to approve.</summary>
internal static class SeedQueries
{
    public static async Task<string?> PasswordHashAsync(TenantDatabase database, Guid clientId)
    {
        await using var transaction = await database.BeginForClientAsync(clientId);
        return await transaction.ExecuteScalarAsync<string>("SELECT password_hash FROM clients WHERE client_id = @clientId", new { clientId });
    }

    /// <summary>The demo campaign's first emails still waiting for review (each takes its follow-ups with it).</summary>
    public static async Task<IReadOnlyList<Guid>> PendingFirstEmailsAsync(TenantDatabase database, Guid campaignId)
    {
        await using var transaction = await database.BeginForSystemAsync();
        return await transaction.QueryAsync<Guid>(
            "SELECT id FROM outreach_emails WHERE campaign_id = @campaignId AND status = 'pending' AND follow_up_sequence = 1 AND NOT missing_email",
            new { campaignId });
    }

    /// <summary>Whether any consent evidence is recorded for the address (the seed records its own once).</summary>
    public static async Task<bool> HasConsentAsync(TenantDatabase database, string address)
    {
        await using var transaction = await database.BeginForSystemAsync();
        return await transaction.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM prospect_consent WHERE email_address = lower(@address))", new { address });
    }
}

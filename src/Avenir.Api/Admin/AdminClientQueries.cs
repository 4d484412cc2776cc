namespace Avenir.Api.Admin;

/// <summary>
/// The agency's reads across clients, as system (decision 0002): the client list, and the checks the admin API makes
/// before asking a client's grain. The rows are written by the client grains.
/// </summary>
public sealed class AdminClientQueries(TenantDatabase database)
{
    /// <summary>Every client with its last lead and how many leads it received since <paramref name="weekAgo"/>, oldest client first.</summary>
    public async Task<IReadOnlyList<AdminApi.ClientSummary>> ListAsync(DateTimeOffset weekAgo, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QueryAsync<AdminApi.ClientSummary>(
            """
            SELECT c.client_id, c.business_name, c.email, c.is_test, c.is_internal,
                   (SELECT max(l.created_at) FROM lead_memory l WHERE l.client_id = c.client_id) AS last_lead_at,
                   (SELECT count(*) FROM lead_memory l WHERE l.client_id = c.client_id AND l.created_at >= @weekAgo) AS leads_this_week,
                   c.created_at
              FROM clients c
             ORDER BY c.created_at, c.client_id
            """,
            new { weekAgo }, cancellationToken);
    }

    public async Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM clients WHERE lower(email) = lower(@email))", new { email }, cancellationToken);
    }

    public async Task<bool> ExistsAsync(Guid clientId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM clients WHERE client_id = @clientId)", new { clientId }, cancellationToken);
    }
}

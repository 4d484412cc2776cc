namespace Avenir.Silo.Clients;

/// <summary>The agency's jobs' reads of <c>clients</c>, as system (across tenants by nature, decision 0002).</summary>
public static class ClientQueries
{
    /// <summary>Every client id, in order.</summary>
    public static Task<IReadOnlyList<Guid>> AllIdsAsync(TenantTransaction transaction, CancellationToken cancellationToken) =>
        transaction.QueryAsync<Guid>("SELECT client_id FROM clients ORDER BY client_id", cancellationToken: cancellationToken);
}

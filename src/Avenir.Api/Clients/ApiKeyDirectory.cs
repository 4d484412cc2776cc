using Avenir.Grains.Database;
using Avenir.Grains.Security;

namespace Avenir.Api.Clients;

/// <summary>Finds the client an API key belongs to, by the key's SHA-256 hash (keys are never stored in clear).</summary>
public sealed class ApiKeyDirectory(TenantDatabase database)
{
    /// <summary>The client id for a presented key, or null for an unknown key.</summary>
    public async Task<Guid?> FindClientAsync(string presentedKey, CancellationToken cancellationToken)
    {
        // A key lookup spans every tenant (the key is what tells the tenant), so it runs as system.
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command("SELECT client_id FROM clients WHERE api_key_hash = $1", ApiKey.Hash(presentedKey));
        return await command.ExecuteScalarAsync(cancellationToken) is Guid clientId ? clientId : null;
    }
}

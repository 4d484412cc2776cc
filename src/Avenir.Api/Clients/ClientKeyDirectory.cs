using System.Collections.Concurrent;
using Avenir.Infrastructure.Database;
using Avenir.Infrastructure.Security;

namespace Avenir.Api.Clients;

/// <summary>
/// Finds the client a presented key belongs to: a secret API key (by its SHA-256; the previous key too
/// while its rotation grace period lasts) or a publishable form key. Answers are cached for a short
/// while, so a lead post normally costs no key query; a revoked key therefore stops working within
/// <see cref="CacheLifetime"/>.
/// </summary>
public sealed class ClientKeyDirectory(TenantDatabase database, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<string, (ClientCredential? Credential, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    /// <summary>The client of <paramref name="presentedKey"/>, or null when no client has it (or it expired).</summary>
    public async Task<ClientCredential?> FindAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = ApiKey.Hash(presentedKey);
        if (cache.TryGetValue(hash, out var cached) && cached.Expires > now)
        {
            return cached.Credential;
        }

        var credential = await LookUpAsync(presentedKey, hash, now, cancellationToken);
        if (cache.Count >= MaxCachedKeys)
        {
            cache.Clear(); // bounded: a flood of random keys must not grow memory
        }

        cache[hash] = (credential, now + CacheLifetime);
        return credential;
    }

    /// <summary>
    /// Forgets every cached key of <paramref name="clientId"/> (after a rotation through this API), so a revoked
    /// key stops at once here rather than within <see cref="CacheLifetime"/>. Other API instances still wait that long.
    /// </summary>
    public void Evict(Guid clientId)
    {
        foreach (var (hash, entry) in cache)
        {
            if (entry.Credential?.ClientId == clientId)
            {
                cache.TryRemove(hash, out _);
            }
        }
    }

    private async Task<ClientCredential?> LookUpAsync(string presentedKey, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The key is what tells the tenant, so the lookup runs as system, reading one column.
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(
            """
            SELECT client_id, CASE WHEN form_key = $3 THEN 'form' ELSE 'api' END
              FROM clients
             WHERE api_key_hash = $1
                OR (previous_api_key_hash = $1 AND previous_api_key_expires_at > $2)
                OR form_key = $3
             LIMIT 1
            """,
            hash, now, presentedKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetString(1) == "form"
            ? new ClientCredential(reader.GetGuid(0), CredentialKind.FormKey, ApiKey.Mask(presentedKey))
            : new ClientCredential(reader.GetGuid(0), CredentialKind.ApiKey, ApiKey.Mask(presentedKey));
    }
}

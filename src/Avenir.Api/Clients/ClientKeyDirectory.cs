using System.Collections.Concurrent;
using Avenir.Infrastructure.Security;

namespace Avenir.Api.Clients;

/// <summary>
/// Finds the client a presented key belongs to: a secret API key (by its SHA-256; the previous key too
/// while its rotation grace period lasts) or a publishable form key. Answers are cached for a short
/// while, so a lead post normally costs no key query; a revoked key therefore stops working within
/// <see cref="CacheLifetime"/>.
/// </summary>
public sealed class ClientKeyDirectory(ClientKeyQueries queries, TimeProvider time)
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

    private async Task<ClientCredential?> LookUpAsync(string presentedKey, string hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await queries.FindAsync(presentedKey, hash, now, cancellationToken) is { } owner
            ? new ClientCredential(owner.ClientId, owner.IsFormKey ? CredentialKind.FormKey : CredentialKind.ApiKey, ApiKey.Mask(presentedKey))
            : null;
}

using System.Collections.Concurrent;
using Avenir.Api.Hosting;
using Avenir.Infrastructure.Security;

namespace Avenir.Api.Clients;

/// <summary>
/// Finds the client a presented key belongs to: a secret API key (by its SHA-256; the previous key too
/// while its rotation grace period lasts) or a publishable form key. Answers are cached for a short
/// while, so a lead post normally costs no key query. A revoked or rotated key stops at once on every API
/// instance all the same: <see cref="FindWithProfileAsync"/> compares the cached answer's key version with the
/// client's profile (which every request reads from the client's grain) and looks the key up again when they differ.
/// </summary>
public sealed class ClientKeyDirectory(ClientKeyQueries queries, IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<string, (ClientCredential? Credential, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    /// <summary>The client of <paramref name="presentedKey"/> as cached, or null when no client has it (or it expired).</summary>
    private async Task<ClientCredential?> FindAsync(string presentedKey, CancellationToken cancellationToken)
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

    /// <summary>The key's client and that client's current profile, or null when the key is unknown, revoked or expired.</summary>
    public Task<(ClientCredential Credential, ClientProfile Profile)?> FindWithProfileAsync(string presentedKey, CancellationToken cancellationToken) =>
        FindWithProfileAsync(presentedKey, new ClusterCallBudget(time), cancellationToken);

    /// <summary>
    /// <see cref="FindWithProfileAsync(string, CancellationToken)"/> within the request's <paramref name="budget"/>: reading
    /// the profile is safe to repeat, so it is tried again on a live silo when the cluster could not answer.
    /// </summary>
    public async Task<(ClientCredential Credential, ClientProfile Profile)?> FindWithProfileAsync(
        string presentedKey, ClusterCallBudget budget, CancellationToken cancellationToken)
    {
        if (!MayBeKey(presentedKey))
        {
            return null;
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await FindAsync(presentedKey, cancellationToken) is not { } credential
                || await budget.RunAsync(() => grains.GetGrain<IClientGrain>(credential.ClientId).GetProfileAsync(), safeToRepeat: true, cancellationToken)
                    is not { } profile)
            {
                return null;
            }

            if (profile.KeyVersion == credential.KeyVersion)
            {
                return (credential, profile);
            }

            // The client's keys changed since this answer was cached (here or on another API instance): ask again.
            cache.TryRemove(ApiKey.Hash(presentedKey), out _);
        }

        return null;
    }

    private const int MaxKeyLength = 256;

    /// <summary>
    /// Keys are printable ASCII (<c>avk_</c> base64url, <c>pk_</c> hex) of a bounded length: anything else names no client
    /// and is answered without a query — a NUL could not even be compared (PostgreSQL refuses it: 22021).
    /// </summary>
    private static bool MayBeKey(string presentedKey) =>
        presentedKey.Length is > 0 and <= MaxKeyLength && !presentedKey.AsSpan().ContainsAnyExceptInRange('!', '~');

    private async Task<ClientCredential?> LookUpAsync(string presentedKey, string hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await queries.FindAsync(presentedKey, hash, now, cancellationToken) is { } owner
            ? new ClientCredential(
                owner.ClientId, owner.IsFormKey ? CredentialKind.FormKey : CredentialKind.ApiKey, ApiKey.Mask(presentedKey), owner.KeyVersion)
            : null;
}

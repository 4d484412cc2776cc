namespace Avenir.Api.Clients;

/// <summary>Finds the client of a presented key, as system (the key is what tells the tenant), reading one column.</summary>
public sealed class ClientKeyQueries(TenantDatabase database)
{
    /// <summary>The client a key belongs to, and whether it is the client's form key.</summary>
    public sealed record KeyOwner(Guid ClientId, bool IsFormKey, int KeyVersion);

    /// <summary>
    /// The client whose secret key hashes to <paramref name="hash"/> (the previous key too while its grace period lasts at
    /// <paramref name="now"/>), or whose form key is <paramref name="presentedKey"/>; null when none.
    /// </summary>
    public async Task<KeyOwner?> FindAsync(string presentedKey, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<KeyOwner>(
            """
            SELECT client_id, form_key = @presentedKey AS is_form_key, key_version
              FROM clients
             WHERE api_key_hash = @hash
                OR (previous_api_key_hash = @hash AND previous_api_key_expires_at > @now)
                OR form_key = @presentedKey
             LIMIT 1
            """,
            new { presentedKey, hash, now }, cancellationToken);
    }
}

using Orleans.Concurrency;

namespace Avenir.Contracts.Clients;

/// <summary>
/// One client business (a tenant). The single writer of its <c>clients</c> row; it keeps in memory what
/// lead intake needs (settings, key hashes) so a lead post costs no settings query.
/// Key: the public client id (<c>clients.client_id</c>).
/// </summary>
[Alias("Avenir.Grains.Clients.IClientGrain")]
public partial interface IClientGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the client. Returns the plaintext API key exactly once (it is stored only as a hash).
    /// Registering an existing client id fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    [Alias("Register")]
    Task<ClientRegistered> RegisterAsync(ClientRegistration registration);

    /// <summary>The client's settings, or <c>null</c> when no such client exists.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<ClientProfile?> GetProfileAsync();

    /// <summary>
    /// Issues a new API key, shown this once. The previous key keeps working for <paramref name="gracePeriod"/>
    /// (zero revokes it at once), so a website can switch keys without downtime.
    /// </summary>
    [Alias("RotateApiKey")]
    Task<ClientKeyRotated> RotateApiKeyAsync(TimeSpan gracePeriod);

    /// <summary>
    /// Makes <paramref name="apiKey"/> the client's key (any other key stops working at once) unless it already is.
    /// For configured keys such as the development seed's, so the key printed at start is the one that works.
    /// Returns true when the key changed.
    /// </summary>
    [Alias("EnsureApiKey")]
    Task<bool> EnsureApiKeyAsync(string apiKey);
}

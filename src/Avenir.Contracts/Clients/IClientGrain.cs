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
    /// Creates the client with the key and password hash the caller made. Registering an existing client id fails with
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    [Alias("Register")]
    Task<ClientRegistered> RegisterAsync(ClientRegistration registration);

    /// <summary>The client's settings, or <c>null</c> when no such client exists.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<ClientProfile?> GetProfileAsync();

    /// <summary>
    /// Makes <paramref name="newKey"/> the client's API key (the caller made it and shows it once). The previous key keeps
    /// working for <paramref name="gracePeriod"/> (zero revokes it at once, on every API instance: the profile's
    /// <see cref="ClientProfile.KeyVersion"/> changes), so a website can switch keys without downtime.
    /// </summary>
    [Alias("RotateApiKey")]
    Task<ClientKeyRotated> RotateApiKeyAsync(ApiKeyDigest newKey, TimeSpan gracePeriod);

    /// <summary>
    /// Makes <paramref name="key"/> the client's key (any other key stops working at once) unless it already is.
    /// For configured keys such as the development seed's, so the key printed at start is the one that works.
    /// Returns true when the key changed.
    /// </summary>
    [Alias("EnsureApiKey")]
    Task<bool> EnsureApiKeyAsync(ApiKeyDigest key);

    /// <summary>Issues a new publishable form key; the old one stops working at once. Returns the new profile.</summary>
    [Alias("RotateFormKey")]
    Task<ClientProfile> RotateFormKeyAsync();

    /// <summary>
    /// Pauses the client's auto-replies (its hourly limit was reached: <paramref name="reason"/>) until the client
    /// resumes them; the dashboard shows it. Pausing a paused client changes nothing.
    /// </summary>
    [Alias("PauseAutoReplies")]
    Task PauseAutoRepliesAsync(string reason);

    /// <summary>The client resumes its auto-replies. Returns the new profile.</summary>
    [Alias("ResumeAutoReplies")]
    Task<ClientProfile?> ResumeAutoRepliesAsync();
}

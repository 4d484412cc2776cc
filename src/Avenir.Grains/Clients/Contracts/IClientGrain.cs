namespace Avenir.Grains.Clients.Contracts;

/// <summary>
/// One client business (a tenant). The single writer of its <c>clients</c> row; it keeps in memory what
/// lead intake needs (settings, key hashes) so a lead post costs no settings query.
/// Key: the public client id (<c>clients.client_id</c>).
/// </summary>
[Alias("Avenir.Grains.Clients.IClientGrain")]
public interface IClientGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the client. Returns the plaintext API key exactly once (it is stored only as a hash).
    /// Registering an existing client id fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    [Alias("Register")]
    Task<ClientRegistered> RegisterAsync(ClientRegistration registration);

    /// <summary>The client's settings, or <c>null</c> when no such client exists.</summary>
    [Alias("GetProfile")]
    Task<ClientProfile?> GetProfileAsync();

    /// <summary>Records that a lead arrived: keeps <c>last_connection</c> and the live counters current.</summary>
    [Alias("RecordLeadReceived")]
    Task RecordLeadReceivedAsync(DateTimeOffset receivedAt);

    /// <summary>Live counters kept by the grain (not queried from the tables).</summary>
    [Alias("GetStats")]
    Task<ClientStats> GetStatsAsync();
}

using Avenir.Grains.Clients.Contracts;
using Avenir.Grains.Database;
using Avenir.Grains.Security;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Avenir.Grains.Clients;

/// <inheritdoc cref="IClientGrain"/>
public sealed class ClientGrain(
    [PersistentState("client", GrainStorage.Name)] IPersistentState<ClientLiveState> live,
    TenantDatabase database,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    private ClientProfile? profile;

    private Guid ClientId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId, cancellationToken);
        profile = await ClientRows.FindAsync(transaction, ClientId);
    }

    public async Task<ClientRegistered> RegisterAsync(ClientRegistration registration)
    {
        if (profile is not null)
        {
            throw new InvalidOperationException($"Client {ClientId} already exists.");
        }

        var apiKey = registration.ApiKey ?? ApiKey.Generate();
        var passwordHash = registration.Password is null ? null : PasswordHasher.Hash(registration.Password);
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var created = await ClientRows.InsertAsync(transaction, ClientId, registration, ApiKey.Hash(apiKey), ApiKey.Prefix(apiKey), passwordHash);
        await transaction.CommitAsync();
        profile = created;
        logger.LogInformation("Registered client {ClientId} ({BusinessName}) with key {Key}", ClientId, created.BusinessName, ApiKey.Mask(apiKey));
        return new ClientRegistered(created, apiKey);
    }

    public Task<ClientProfile?> GetProfileAsync() => Task.FromResult(profile);

    public async Task RecordLeadReceivedAsync(DateTimeOffset receivedAt)
    {
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            await ClientRows.UpdateLastConnectionAsync(transaction, ClientId, receivedAt);
            await transaction.CommitAsync();
        }

        live.State.LeadsReceived++;
        if (live.State.LastLeadAt is null || receivedAt > live.State.LastLeadAt)
        {
            live.State.LastLeadAt = receivedAt;
        }

        await live.WriteStateAsync();
        if (profile is not null)
        {
            profile = profile with { LastConnection = live.State.LastLeadAt };
        }
    }

    public Task<ClientStats> GetStatsAsync() =>
        Task.FromResult(new ClientStats(live.State.LeadsReceived, live.State.LastLeadAt));
}

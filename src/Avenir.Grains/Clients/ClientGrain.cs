using Avenir.Grains.Clients.Contracts;
using Avenir.Grains.Database;
using Avenir.Grains.Security;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Avenir.Grains.Clients;

/// <inheritdoc cref="IClientGrain"/>
public sealed partial class ClientGrain(
    [PersistentState("client", GrainStorage.Name)] IPersistentState<ClientLiveState> live,
    TenantDatabase database,
    TimeProvider time,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    /// <summary>How often counters changed by intake are written: often enough to be current, rarely enough to cost nothing per lead.</summary>
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private ClientProfile? profile;
    private bool dirty;

    private Guid ClientId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(ClientId, cancellationToken);
        profile = await ClientRows.FindAsync(transaction, ClientId);
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushInterval, FlushInterval) { KeepAlive = false });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

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

    public Task RecordLeadReceivedAsync(DateTimeOffset receivedAt)
    {
        live.State.LeadsReceived++;
        CountLeadReceived(receivedAt);
        if (live.State.LastLeadAt is null || receivedAt > live.State.LastLeadAt)
        {
            live.State.LastLeadAt = receivedAt;
            if (profile is not null)
            {
                profile = profile with { LastConnection = receivedAt };
            }
        }

        dirty = true;
        return Task.CompletedTask;
    }

    public Task<ClientStats> GetStatsAsync() =>
        Task.FromResult(new ClientStats(live.State.LeadsReceived, live.State.LastLeadAt));

    public async Task<ClientKeyRotated> RotateApiKeyAsync(TimeSpan gracePeriod)
    {
        var current = profile ?? throw new InvalidOperationException($"Client {ClientId} does not exist.");
        var apiKey = ApiKey.Generate();
        var now = time.GetUtcNow();
        DateTimeOffset? previousValidUntil = gracePeriod > TimeSpan.Zero ? now + gracePeriod : null;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            await ClientRows.RotateKeyAsync(transaction, ClientId, ApiKey.Hash(apiKey), ApiKey.Prefix(apiKey), now, previousValidUntil);
            await transaction.CommitAsync();
        }

        profile = current with { ApiKeyPrefix = ApiKey.Prefix(apiKey) };
        logger.LogInformation("Rotated the key of client {ClientId}: new {Key}, previous valid until {Until}", ClientId, ApiKey.Mask(apiKey), previousValidUntil);
        return new ClientKeyRotated(apiKey, ApiKey.Prefix(apiKey), previousValidUntil);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!dirty || live.State.LastLeadAt is not { } lastLeadAt)
        {
            return;
        }

        dirty = false;
        await using (var transaction = await database.BeginForClientAsync(ClientId, cancellationToken))
        {
            await ClientRows.UpdateLastConnectionAsync(transaction, ClientId, lastLeadAt);
            await transaction.CommitAsync(cancellationToken);
        }

        await live.WriteStateAsync(cancellationToken);
    }
}

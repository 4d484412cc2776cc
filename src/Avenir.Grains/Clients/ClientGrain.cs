using Avenir.Grains.Growth;
using Avenir.Infrastructure.Security;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Avenir.Grains.Clients;

/// <inheritdoc cref="IClientGrain"/>
public sealed partial class ClientGrain(
    [PersistentState("client", GrainStorage.Name)] IPersistentState<ClientLiveState> live,
    TenantDatabase database,
    TimeProvider time,
    IOptions<GrowthInsightOptions> insightOptions,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    /// <summary>How often counters changed by intake are written: often enough to be current, rarely enough to cost nothing per lead.</summary>
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private ClientProfile? profile;
    private bool dirty;

    private Guid ClientId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using (var transaction = await database.BeginForClientAsync(ClientId, cancellationToken))
        {
            profile = await ClientRows.FindAsync(transaction, ClientId, cancellationToken);
        }

        await EnsureGrowthAsync(cancellationToken);
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FirstFlush(ClientId), FlushInterval) { KeepAlive = false });
    }

    /// <summary>
    /// The first flush, spread over one interval by the client's id: clients activated together (a silo's start, a burst
    /// of leads) would otherwise all flush in the same instant and ask PostgreSQL for as many connections at once.
    /// </summary>
    private static TimeSpan FirstFlush(Guid clientId) =>
        FlushInterval + TimeSpan.FromMilliseconds((uint)clientId.GetHashCode() % (uint)FlushInterval.TotalMilliseconds);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public async Task<ClientRegistered> RegisterAsync(ClientRegistration registration)
    {
        if (profile is not null)
        {
            throw new InvalidOperationException($"Client {ClientId} already exists.");
        }

        ClientSecrets.Check(registration.ApiKey, registration.PasswordHash);
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var created = await ClientRows.InsertAsync(transaction, ClientId, registration);
        await transaction.CommitAsync();
        profile = created;
        // A new client has no leads: its growth figures start empty, exact, without a query.
        (live.State.Growth, live.State.GrowthFromRecompute, live.State.GrowthRecomputedAt, growthDirty) =
            (GrowthAccumulator.Empty(time.GetUtcNow()), true, time.GetUtcNow(), true);
        logger.LogInformation("Registered client {ClientId} ({BusinessName}) with key {Key}****", ClientId, created.BusinessName, created.ApiKeyPrefix);
        return new ClientRegistered(created);
    }

    public Task<ClientProfile?> GetProfileAsync() => Task.FromResult(profile);

    private void RecordLeadReceived(DateTimeOffset receivedAt)
    {
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
    }

    public async Task<ClientKeyRotated> RotateApiKeyAsync(ApiKeyDigest newKey, TimeSpan gracePeriod)
    {
        var current = profile ?? throw new InvalidOperationException($"Client {ClientId} does not exist.");
        ClientSecrets.Check(newKey, passwordHash: null);
        var now = time.GetUtcNow();
        DateTimeOffset? previousValidUntil = gracePeriod > TimeSpan.Zero ? now + gracePeriod : null;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            await ClientRows.RotateKeyAsync(transaction, ClientId, newKey.Hash, newKey.Prefix, now, previousValidUntil);
            await transaction.CommitAsync();
        }

        profile = current with { ApiKeyPrefix = newKey.Prefix, KeyVersion = current.KeyVersion + 1 };
        logger.LogInformation(
            "Rotated the key of client {ClientId}: new {Key}****, previous valid until {Until}", ClientId, newKey.Prefix, previousValidUntil);
        return new ClientKeyRotated(newKey.Prefix, previousValidUntil);
    }

    public async Task<bool> EnsureApiKeyAsync(ApiKeyDigest key)
    {
        var current = profile ?? throw new InvalidOperationException($"Client {ClientId} does not exist.");
        ClientSecrets.Check(key, passwordHash: null);
        bool changed;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            changed = await ClientRows.ReplaceKeyIfDifferentAsync(transaction, ClientId, key.Hash, key.Prefix, time.GetUtcNow());
            await transaction.CommitAsync();
        }

        if (changed)
        {
            profile = current with { ApiKeyPrefix = key.Prefix, KeyVersion = current.KeyVersion + 1 };
            logger.LogInformation("Client {ClientId} now uses the configured key {Key}****", ClientId, key.Prefix);
        }

        return changed;
    }

    public async Task<ClientProfile> RotateFormKeyAsync()
    {
        _ = profile ?? throw new InvalidOperationException($"Client {ClientId} does not exist.");
        var rotated = await WriteProfileAsync((transaction, at) => ClientRows.RotateFormKeyAsync(transaction, ClientId, at));
        logger.LogInformation("Rotated the form key of client {ClientId}", ClientId);
        return rotated!;
    }

    public async Task PauseAutoRepliesAsync(string reason)
    {
        if (profile is not { AutoReplyPausedAt: null })
        {
            return;
        }

        await WriteProfileAsync((transaction, at) => ClientRows.PauseAutoRepliesAsync(transaction, ClientId, reason, at));
        logger.LogWarning("Auto-replies of client {ClientId} paused: {Reason}", ClientId, reason);
    }

    public async Task<ClientProfile?> ResumeAutoRepliesAsync()
    {
        var resumed = await WriteProfileAsync((transaction, at) => ClientRows.ResumeAutoRepliesAsync(transaction, ClientId, at));
        if (resumed is not null)
        {
            logger.LogInformation("Auto-replies of client {ClientId} resumed", ClientId);
        }

        return resumed;
    }

    /// <summary>
    /// Runs one statement that updates the client's row and returns it, in the client's scope, and keeps what it
    /// returned as the live profile. Null (nothing written) when the client does not exist.
    /// </summary>
    private async Task<ClientProfile?> WriteProfileAsync(Func<TenantTransaction, DateTimeOffset, Task<ClientProfile?>> update)
    {
        if (profile is null)
        {
            return null;
        }

        await using var transaction = await database.BeginForClientAsync(ClientId);
        var written = await update(transaction, time.GetUtcNow());
        await transaction.CommitAsync();
        profile = written ?? profile;
        return profile;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var lastConnection = dirty ? live.State.LastLeadAt : null;
        var growth = growthDirty && profile is not null ? live.State.Growth : null;
        if (lastConnection is null && growth is null)
        {
            return;
        }

        (dirty, growthDirty) = (false, false);
        try
        {
            await using (var transaction = await database.BeginForClientAsync(ClientId, cancellationToken))
            {
                if (lastConnection is { } lastLeadAt)
                {
                    await ClientRows.UpdateLastConnectionAsync(transaction, ClientId, lastLeadAt);
                }

                if (growth is not null)
                {
                    await GrowthRows.PublishAsync(transaction, ClientId, GrowthReport(growth, time.GetUtcNow(), GrowthSource), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            await live.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Nothing was lost in memory: the next tick tries again.
            (dirty, growthDirty) = (dirty || lastConnection is not null, growthDirty || growth is not null);
            throw;
        }
    }
}

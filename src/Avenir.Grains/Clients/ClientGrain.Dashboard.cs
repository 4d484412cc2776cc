using Avenir.Grains.Growth;
using Avenir.Infrastructure.Security;

namespace Avenir.Grains.Clients;

// The client dashboard's side of the client grain: settings, sign-in bookkeeping and live lead counters.
public sealed partial class ClientGrain
{
    /// <summary>Counters older than this are counted again by SQL: a lost notification cannot leave them wrong for long.</summary>
    private static readonly TimeSpan RecountInterval = TimeSpan.FromMinutes(5);

    private ClientDashboardStats? counters;

    public async Task<ClientProfile?> UpdateSettingsAsync(ClientSettings settings)
    {
        var updated = await WriteProfileAsync((transaction, at) => ClientDashboardRows.UpdateSettingsAsync(transaction, ClientId, settings, at));
        if (updated is not null)
        {
            logger.LogInformation("Updated the settings of client {ClientId}", ClientId);
        }

        return updated;
    }

    public async Task<int?> SetPasswordHashAsync(string passwordHash)
    {
        if (profile is null)
        {
            return null;
        }

        ClientSecrets.Check(key: null, passwordHash);
        int? version;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            version = await ClientDashboardRows.SetPasswordHashAsync(transaction, ClientId, passwordHash, time.GetUtcNow());
            await transaction.CommitAsync();
        }

        if (version is { } current)
        {
            profile = profile with { SessionVersion = current };
        }

        logger.LogInformation("Set a new password for client {ClientId}; its other sessions end", ClientId);
        return version;
    }

    public async Task<ClientProfile?> SetInternalAsync(bool isInternal)
    {
        var updated = await WriteProfileAsync((transaction, at) => ClientRows.SetInternalAsync(transaction, ClientId, isInternal, at));
        if (updated is not null)
        {
            logger.LogInformation("Client {ClientId} is {Role} now", ClientId, isInternal ? "internal" : "a client user");
        }

        return updated;
    }

    public async Task RecordSignInAsync()
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        await ClientDashboardRows.RecordSignInAsync(transaction, ClientId, time.GetUtcNow());
        await transaction.CommitAsync();
    }

    public async Task<SignInAttempt> BeginSignInAttemptAsync(int maxFailures, TimeSpan lockout)
    {
        var now = time.GetUtcNow();
        SignInAttempt? attempt;
        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            attempt = await ClientDashboardRows.BeginSignInAttemptAsync(transaction, ClientId, maxFailures, now + lockout, now);
            await transaction.CommitAsync();
        }

        if (attempt is not { Allowed: true })
        {
            logger.LogWarning("Sign-in attempt for client {ClientId} refused: locked until {LockedUntil}", ClientId, attempt?.LockedUntil);
        }

        return attempt ?? new SignInAttempt(false, null);
    }

    public async Task<ClientDashboardStats> GetDashboardStatsAsync()
    {
        var now = time.GetUtcNow();
        if (counters is null || now - counters.CountedAt > RecountInterval || now.UtcDateTime.Date != counters.CountedAt.UtcDateTime.Date)
        {
            await using var transaction = await database.BeginForClientAsync(ClientId);
            counters = await ClientDashboardRows.CountLeadsAsync(transaction, ClientId, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), now);
        }

        return counters;
    }

    public Task RecordLeadChangedAsync(LeadStatus? before, LeadStatus? after)
    {
        if (counters is not null)
        {
            counters = Count(Count(counters, before, -1), after, +1);
        }

        ApplyGrowth(before, after);
        return Task.CompletedTask;
    }

    /// <summary>Intake's notification (a new lead is active and not converted).</summary>
    private void CountLeadReceived(DateTimeOffset receivedAt)
    {
        if (counters is not null)
        {
            counters = Count(counters, new LeadStatus { ReceivedAt = receivedAt }, +1) with
            {
                LastLeadAt = counters.LastLeadAt is { } last && last > receivedAt ? last : receivedAt,
            };
        }
    }

    private static ClientDashboardStats Count(ClientDashboardStats stats, LeadStatus? lead, int sign)
    {
        if (lead is null)
        {
            return stats;
        }

        var today = lead.ReceivedAt.UtcDateTime.Date == stats.CountedAt.UtcDateTime.Date;
        return stats with
        {
            Total = stats.Total + sign,
            LeadsToday = stats.LeadsToday + (today ? sign : 0),
            Deleted = stats.Deleted + (lead.Deleted ? sign : 0),
            Archived = stats.Archived + (!lead.Deleted && lead.Archived ? sign : 0),
            Active = stats.Active + (!lead.Deleted && !lead.Archived ? sign : 0),
            Converted = stats.Converted + (!lead.Deleted && lead.Converted ? sign : 0),
        };
    }
}

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
        if (profile is null)
        {
            return null;
        }

        await using (var transaction = await database.BeginForClientAsync(ClientId))
        {
            profile = await ClientDashboardRows.UpdateSettingsAsync(transaction, ClientId, settings, time.GetUtcNow()) ?? profile;
            await transaction.CommitAsync();
        }

        logger.LogInformation("Updated the settings of client {ClientId}", ClientId);
        return profile;
    }

    public async Task<bool> SetPasswordAsync(string newPassword)
    {
        if (profile is null)
        {
            return false;
        }

        var hash = PasswordHasher.Hash(newPassword);
        await using var transaction = await database.BeginForClientAsync(ClientId);
        await ClientDashboardRows.SetPasswordAsync(transaction, ClientId, hash, time.GetUtcNow());
        await transaction.CommitAsync();
        logger.LogInformation("Set a new password for client {ClientId}", ClientId);
        return true;
    }

    public async Task RecordSignInAsync()
    {
        await using var transaction = await database.BeginForClientAsync(ClientId);
        await ClientDashboardRows.RecordSignInAsync(transaction, ClientId, time.GetUtcNow());
        await transaction.CommitAsync();
    }

    public async Task<DateTimeOffset?> RecordFailedSignInAsync(int maxFailures, TimeSpan lockout)
    {
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForClientAsync(ClientId);
        var lockedUntil = await ClientDashboardRows.RecordFailedSignInAsync(transaction, ClientId, maxFailures, now + lockout, now);
        await transaction.CommitAsync();
        if (lockedUntil is not null)
        {
            logger.LogWarning("Client {ClientId} locked until {LockedUntil} after {Failures} failed sign-ins", ClientId, lockedUntil, maxFailures);
        }

        return lockedUntil;
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

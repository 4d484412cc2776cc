using Avenir.Contracts.Leads;

namespace Avenir.Contracts.Clients;

// What the client dashboard asks of the client's grain: settings, sign-in bookkeeping, password, counters.
public partial interface IClientGrain
{
    /// <summary>
    /// Replaces the client's settings (validated by the caller) and the grain's cached profile, which lead
    /// intake reads on every post. Returns the new profile, or <c>null</c> when no such client exists.
    /// </summary>
    [Alias("UpdateSettings")]
    Task<ClientProfile?> UpdateSettingsAsync(ClientSettings settings);

    /// <summary>Sets a new login password (hashed here; never stored or logged in clear) and lifts any lockout.</summary>
    [Alias("SetPassword")]
    Task<bool> SetPasswordAsync(string newPassword);

    /// <summary>A successful sign-in: clears the failure count and lockout, records <c>last_login_at</c>.</summary>
    [Alias("RecordSignIn")]
    Task RecordSignInAsync();

    /// <summary>
    /// A failed sign-in: counts it and, at <paramref name="maxFailures"/> consecutive failures, locks the
    /// account for <paramref name="lockout"/>. Returns the lock's end when this failure locked it.
    /// </summary>
    [Alias("RecordFailedSignIn")]
    Task<DateTimeOffset?> RecordFailedSignInAsync(int maxFailures, TimeSpan lockout);

    /// <summary>
    /// Lead counters for the dashboard: counted once by SQL when first asked (and again every few minutes or
    /// when the day changes, bounding any drift), kept current in between by intake and the lead grains.
    /// </summary>
    [Alias("GetDashboardStats")]
    Task<ClientDashboardStats> GetDashboardStatsAsync();

    /// <summary>
    /// A lead grain changed a lead (created, enriched, corrected, tagged, archived, deleted, restored, converted, …):
    /// its facts before (null: it was just created) and after (null: it was erased). Keeps the lead counters and
    /// the growth figures current.
    /// </summary>
    [Alias("RecordLeadChanged")]
    Task RecordLeadChangedAsync(LeadStatus? before, LeadStatus? after);
}

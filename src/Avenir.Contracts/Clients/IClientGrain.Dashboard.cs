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

    /// <summary>
    /// Sets a new login password from its hash (made by the API: no password crosses the grain boundary in clear), lifts
    /// any lockout and ends every session of the account (<see cref="ClientProfile.SessionVersion"/> changes). Returns
    /// the new session version, or null when no such client exists.
    /// </summary>
    [Alias("SetPasswordHash")]
    Task<int?> SetPasswordHashAsync(string passwordHash);

    /// <summary>Makes the client an internal (agency) user or not; a change ends the account's sessions.</summary>
    [Alias("SetInternal")]
    Task<ClientProfile?> SetInternalAsync(bool isInternal);

    /// <summary>
    /// Before the password is checked: counts the attempt (atomically, in one statement) and answers whether it may go
    /// on. The attempt that reaches <paramref name="maxFailures"/> locks the account for <paramref name="lockout"/>;
    /// while locked every attempt is refused, a right password included. A right password then calls
    /// <see cref="RecordSignInAsync"/>, which clears the count.
    /// </summary>
    [Alias("BeginSignInAttempt")]
    Task<SignInAttempt> BeginSignInAttemptAsync(int maxFailures, TimeSpan lockout);

    /// <summary>A successful sign-in: clears the failure count and lockout, records <c>last_login_at</c>.</summary>
    [Alias("RecordSignIn")]
    Task RecordSignInAsync();

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

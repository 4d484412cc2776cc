namespace Avenir.Grains.Clients;

/// <summary>The <c>clients</c> statements behind the dashboard: settings, password, sign-in bookkeeping, lead counts.</summary>
internal static class ClientDashboardRows
{
    public static async Task<ClientProfile?> UpdateSettingsAsync(TenantTransaction transaction, Guid clientId, ClientSettings settings, DateTimeOffset at)
    {
        await transaction.ExecuteAsync(
            """
            UPDATE clients
               SET language = @Language, email_tone = @EmailTone, ai_personalized_reply = @AiPersonalizedReply, booking_link = @BookingLink,
                   allowed_origins = @AllowedOrigins, thank_you_url = @ThankYouUrl, updated_at = @at
             WHERE client_id = @clientId
            """,
            new
            {
                clientId,
                settings.Language,
                settings.EmailTone,
                settings.AiPersonalizedReply,
                settings.BookingLink,
                AllowedOrigins = settings.AllowedOrigins.ToArray(),
                settings.ThankYouUrl,
                at,
            });
        return await ClientRows.FindAsync(transaction, clientId);
    }

    /// <summary>The new hash, no lockout, and the next session version (every session of the account ends); null when no such client.</summary>
    public static Task<int?> SetPasswordHashAsync(TenantTransaction transaction, Guid clientId, string passwordHash, DateTimeOffset at) =>
        transaction.ExecuteScalarAsync<int?>(
            """
            UPDATE clients
               SET password_hash = @passwordHash, failed_login_count = 0, locked_until = NULL, session_version = session_version + 1, updated_at = @at
             WHERE client_id = @clientId
            RETURNING session_version
            """,
            new { clientId, passwordHash, at });

    public static Task RecordSignInAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE clients SET failed_login_count = 0, locked_until = NULL, last_login_at = @at WHERE client_id = @clientId", new { clientId, at });

    /// <summary>
    /// Counts an attempt before its password is checked, in one statement (so concurrent attempts are counted one by one):
    /// while the account is unlocked the attempt is allowed, and the one that reaches <paramref name="maxFailures"/>
    /// locks it until <paramref name="lockUntil"/> (the count starts again). A locked account's attempt changes nothing
    /// and is refused. Null when no such client.
    /// </summary>
    public static Task<SignInAttempt?> BeginSignInAttemptAsync(
        TenantTransaction transaction, Guid clientId, int maxFailures, DateTimeOffset lockUntil, DateTimeOffset at) =>
        transaction.QuerySingleOrDefaultAsync<SignInAttempt>(
            """
            WITH counted AS (
                UPDATE clients
                   SET failed_login_count = CASE WHEN failed_login_count + 1 >= @maxFailures THEN 0 ELSE failed_login_count + 1 END,
                       locked_until = CASE WHEN failed_login_count + 1 >= @maxFailures THEN @lockUntil ELSE NULL END
                 WHERE client_id = @clientId AND (locked_until IS NULL OR locked_until <= @at)
                RETURNING client_id)
            SELECT EXISTS (SELECT 1 FROM counted) AS allowed,
                   CASE WHEN EXISTS (SELECT 1 FROM counted) THEN NULL ELSE locked_until END AS locked_until
              FROM clients WHERE client_id = @clientId
            """,
            new { clientId, maxFailures, lockUntil, at });

    public static async Task<ClientDashboardStats> CountLeadsAsync(
        TenantTransaction transaction, Guid clientId, DateTimeOffset todayStart, DateTimeOffset now) =>
        await transaction.QuerySingleAsync<ClientDashboardStats>(
            """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE created_at >= @todayStart) AS leads_today,
                   count(*) FILTER (WHERE NOT deleted AND NOT archived) AS active,
                   count(*) FILTER (WHERE NOT deleted AND archived) AS archived,
                   count(*) FILTER (WHERE deleted) AS deleted,
                   count(*) FILTER (WHERE NOT deleted AND converted_at IS NOT NULL) AS converted,
                   max(created_at) AS last_lead_at,
                   @now AS counted_at
              FROM lead_memory
             WHERE client_id = @clientId
            """,
            new { clientId, todayStart, now });
}

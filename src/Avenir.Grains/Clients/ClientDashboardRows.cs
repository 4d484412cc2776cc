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

    public static Task SetPasswordAsync(TenantTransaction transaction, Guid clientId, string passwordHash, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE clients SET password_hash = @passwordHash, failed_login_count = 0, locked_until = NULL, updated_at = @at WHERE client_id = @clientId",
            new { clientId, passwordHash, at });

    public static Task RecordSignInAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE clients SET failed_login_count = 0, locked_until = NULL, last_login_at = @at WHERE client_id = @clientId", new { clientId, at });

    /// <summary>Counts a failure; the one that reaches the limit locks the account and starts the count again. Returns the new lock's end.</summary>
    public static async Task<DateTimeOffset?> RecordFailedSignInAsync(
        TenantTransaction transaction, Guid clientId, int maxFailures, DateTimeOffset lockUntil, DateTimeOffset at) =>
        await transaction.ExecuteScalarAsync<bool?>(
            """
            UPDATE clients
               SET failed_login_count = CASE WHEN failed_login_count + 1 >= @maxFailures THEN 0 ELSE failed_login_count + 1 END,
                   locked_until = CASE WHEN failed_login_count + 1 >= @maxFailures THEN @lockUntil ELSE locked_until END
             WHERE client_id = @clientId AND (locked_until IS NULL OR locked_until <= @at)
            RETURNING locked_until = @lockUntil
            """,
            new { clientId, maxFailures, lockUntil, at }) is true ? lockUntil : null;

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

using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Grains.Clients;

/// <summary>The <c>clients</c> statements behind the dashboard: settings, password, sign-in bookkeeping, lead counts.</summary>
internal static class ClientDashboardRows
{
    public static async Task<ClientProfile?> UpdateSettingsAsync(TenantTransaction transaction, Guid clientId, ClientSettings settings, DateTimeOffset at)
    {
        await using (var command = transaction.Command(
            """
            UPDATE clients
               SET language = $2, email_tone = $3, ai_personalized_reply = $4, booking_link = $5,
                   allowed_origins = $6, thank_you_url = $7, updated_at = $8
             WHERE client_id = $1
            """,
            clientId, settings.Language, settings.EmailTone, settings.AiPersonalizedReply,
            Text(settings.BookingLink), settings.AllowedOrigins.ToArray(), Text(settings.ThankYouUrl), at))
        {
            await command.ExecuteNonQueryAsync();
        }

        return await ClientRows.FindAsync(transaction, clientId);
    }

    public static async Task SetPasswordAsync(TenantTransaction transaction, Guid clientId, string passwordHash, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            "UPDATE clients SET password_hash = $2, failed_login_count = 0, locked_until = NULL, updated_at = $3 WHERE client_id = $1",
            clientId, passwordHash, at);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task RecordSignInAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            "UPDATE clients SET failed_login_count = 0, locked_until = NULL, last_login_at = $2 WHERE client_id = $1",
            clientId, at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Counts a failure; the one that reaches the limit locks the account and starts the count again. Returns the new lock's end.</summary>
    public static async Task<DateTimeOffset?> RecordFailedSignInAsync(TenantTransaction transaction, Guid clientId, int maxFailures, DateTimeOffset lockUntil, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            UPDATE clients
               SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
                   locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN $3 ELSE locked_until END
             WHERE client_id = $1 AND (locked_until IS NULL OR locked_until <= $4)
            RETURNING locked_until = $3
            """,
            clientId, maxFailures, lockUntil, at);
        return await command.ExecuteScalarAsync() is true ? lockUntil : null;
    }

    public static async Task<ClientDashboardStats> CountLeadsAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset todayStart, DateTimeOffset now)
    {
        await using var command = transaction.Command(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE created_at >= $2),
                   count(*) FILTER (WHERE NOT deleted AND NOT archived),
                   count(*) FILTER (WHERE NOT deleted AND archived),
                   count(*) FILTER (WHERE deleted),
                   count(*) FILTER (WHERE NOT deleted AND converted_at IS NOT NULL),
                   max(created_at)
              FROM lead_memory
             WHERE client_id = $1
            """,
            clientId, todayStart);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ClientDashboardStats
        {
            Total = reader.GetInt64(0),
            LeadsToday = reader.GetInt64(1),
            Active = reader.GetInt64(2),
            Archived = reader.GetInt64(3),
            Deleted = reader.GetInt64(4),
            Converted = reader.GetInt64(5),
            LastLeadAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            CountedAt = now,
        };
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}

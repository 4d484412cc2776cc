using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Grains.Clients;

/// <summary>The <c>clients</c> table: the statements the client's grain runs, inside its tenant transaction.</summary>
internal static class ClientRows
{
    private const string Columns = """
        client_id, business_name, email, language, email_tone, ai_personalized_reply, booking_link,
        allowed_origins, is_test, is_internal, api_key_prefix, last_connection, created_at, industry,
        form_key, thank_you_url
        """;

    public static async Task<ClientProfile?> FindAsync(TenantTransaction transaction, Guid clientId)
    {
        await using var command = transaction.Command($"SELECT {Columns} FROM clients WHERE client_id = $1", clientId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public static async Task<ClientProfile> InsertAsync(
        TenantTransaction transaction, Guid clientId, ClientRegistration registration, string apiKeyHash, string apiKeyPrefix, string? passwordHash)
    {
        await using var command = transaction.Command(
            $"""
            INSERT INTO clients (client_id, business_name, email, language, email_tone, ai_personalized_reply, booking_link,
                                 allowed_origins, is_test, is_internal, api_key_hash, api_key_prefix, password_hash, industry)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            RETURNING {Columns}
            """,
            clientId, registration.BusinessName, registration.Email, registration.Language, registration.EmailTone,
            registration.AiPersonalizedReply, registration.BookingLink, registration.AllowedOrigins.ToArray(),
            registration.IsTest, registration.IsInternal, apiKeyHash, apiKeyPrefix, passwordHash, registration.Industry);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Read(reader);
    }

    public static async Task RotateKeyAsync(TenantTransaction transaction, Guid clientId, string newHash, string newPrefix, DateTimeOffset at, DateTimeOffset? previousValidUntil)
    {
        // The current hash becomes the previous one while the grace period lasts; no grace forgets it.
        await using var command = transaction.Command(
            """
            UPDATE clients
               SET previous_api_key_hash = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE api_key_hash END,
                   previous_api_key_expires_at = $5,
                   api_key_hash = $2, api_key_prefix = $3, api_key_rotated_at = $4, updated_at = $4
             WHERE client_id = $1
            """,
            clientId, newHash, newPrefix, at,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = (object?)previousValidUntil ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Makes <paramref name="hash"/> the client's only key unless it already is; true when it changed.</summary>
    public static async Task<bool> ReplaceKeyIfDifferentAsync(TenantTransaction transaction, Guid clientId, string hash, string prefix, DateTimeOffset at)
    {
        await using var command = transaction.Command(
            """
            UPDATE clients
               SET previous_api_key_hash = NULL, previous_api_key_expires_at = NULL,
                   api_key_hash = $2, api_key_prefix = $3, api_key_rotated_at = $4, updated_at = $4
             WHERE client_id = $1 AND api_key_hash IS DISTINCT FROM $2
            """,
            clientId, hash, prefix, at);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public static async Task UpdateLastConnectionAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at)
    {
        // Never moves backwards: leads processed out of order must not make the client look idle.
        await using var command = transaction.Command(
            "UPDATE clients SET last_connection = GREATEST(COALESCE(last_connection, $2), $2) WHERE client_id = $1", clientId, at);
        await command.ExecuteNonQueryAsync();
    }

    private static ClientProfile Read(NpgsqlDataReader reader) => new()
    {
        ClientId = reader.GetGuid(0),
        BusinessName = reader.GetString(1),
        Email = reader.GetString(2),
        Language = reader.GetString(3),
        EmailTone = reader.GetString(4),
        AiPersonalizedReply = reader.GetBoolean(5),
        BookingLink = reader.IsDBNull(6) ? null : reader.GetString(6),
        AllowedOrigins = reader.IsDBNull(7) ? [] : reader.GetFieldValue<string[]>(7),
        IsTest = reader.GetBoolean(8),
        IsInternal = reader.GetBoolean(9),
        ApiKeyPrefix = reader.IsDBNull(10) ? "" : reader.GetString(10),
        LastConnection = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(12),
        Industry = reader.IsDBNull(13) ? null : reader.GetString(13),
        FormKey = reader.GetString(14),
        ThankYouUrl = reader.IsDBNull(15) ? null : reader.GetString(15),
    };
}

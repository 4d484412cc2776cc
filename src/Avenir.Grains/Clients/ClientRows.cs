namespace Avenir.Grains.Clients;

/// <summary>The <c>clients</c> table: the statements the client's grain runs, inside its tenant transaction.</summary>
internal static class ClientRows
{
    /// <summary>The columns of a <see cref="ClientProfile"/>, for any statement that returns one.</summary>
    private const string Profile = """
        client_id, business_name, email, language, email_tone, ai_personalized_reply, booking_link,
        coalesce(allowed_origins, '{}') AS allowed_origins, is_test, is_internal, coalesce(api_key_prefix, '') AS api_key_prefix,
        last_connection, created_at, industry, form_key, thank_you_url
        """;

    public static Task<ClientProfile?> FindAsync(TenantTransaction transaction, Guid clientId, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<ClientProfile>($"SELECT {Profile} FROM clients WHERE client_id = @clientId", new { clientId }, cancellationToken);

    public static Task<ClientProfile> InsertAsync(
        TenantTransaction transaction, Guid clientId, ClientRegistration registration, string apiKeyHash, string apiKeyPrefix, string? passwordHash) =>
        transaction.QuerySingleAsync<ClientProfile>(
            $"""
            INSERT INTO clients (client_id, business_name, email, language, email_tone, ai_personalized_reply, booking_link,
                                 allowed_origins, is_test, is_internal, api_key_hash, api_key_prefix, password_hash, industry)
            VALUES (@clientId, @BusinessName, @Email, @Language, @EmailTone, @AiPersonalizedReply, @BookingLink,
                    @AllowedOrigins, @IsTest, @IsInternal, @apiKeyHash, @apiKeyPrefix, @passwordHash, @Industry)
            RETURNING {Profile}
            """,
            new
            {
                clientId,
                registration.BusinessName,
                registration.Email,
                registration.Language,
                registration.EmailTone,
                registration.AiPersonalizedReply,
                registration.BookingLink,
                AllowedOrigins = registration.AllowedOrigins.ToArray(),
                registration.IsTest,
                registration.IsInternal,
                apiKeyHash,
                apiKeyPrefix,
                passwordHash,
                registration.Industry,
            });

    public static Task RotateKeyAsync(
        TenantTransaction transaction, Guid clientId, string newHash, string newPrefix, DateTimeOffset at, DateTimeOffset? previousValidUntil) =>
        // The current hash becomes the previous one while the grace period lasts; no grace forgets it.
        transaction.ExecuteAsync(
            """
            UPDATE clients
               SET previous_api_key_hash = CASE WHEN @previousValidUntil::timestamptz IS NULL THEN NULL ELSE api_key_hash END,
                   previous_api_key_expires_at = @previousValidUntil,
                   api_key_hash = @newHash, api_key_prefix = @newPrefix, api_key_rotated_at = @at, updated_at = @at
             WHERE client_id = @clientId
            """,
            new { clientId, newHash, newPrefix, at, previousValidUntil });

    /// <summary>Makes <paramref name="hash"/> the client's only key unless it already is; true when it changed.</summary>
    public static async Task<bool> ReplaceKeyIfDifferentAsync(TenantTransaction transaction, Guid clientId, string hash, string prefix, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE clients
               SET previous_api_key_hash = NULL, previous_api_key_expires_at = NULL,
                   api_key_hash = @hash, api_key_prefix = @prefix, api_key_rotated_at = @at, updated_at = @at
             WHERE client_id = @clientId AND api_key_hash IS DISTINCT FROM @hash
            """,
            new { clientId, hash, prefix, at }) == 1;

    /// <summary>Never moves backwards: leads processed out of order must not make the client look idle.</summary>
    public static Task UpdateLastConnectionAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE clients SET last_connection = GREATEST(COALESCE(last_connection, @at), @at) WHERE client_id = @clientId", new { clientId, at });
}

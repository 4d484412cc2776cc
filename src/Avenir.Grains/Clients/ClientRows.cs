namespace Avenir.Grains.Clients;

/// <summary>The <c>clients</c> table: the statements the client's grain runs, inside its tenant transaction.</summary>
internal static class ClientRows
{
    /// <summary>The columns of a <see cref="ClientProfile"/>, for any statement that returns one.</summary>
    private const string Profile = """
        client_id, business_name, email, language, email_tone, ai_personalized_reply, booking_link,
        coalesce(allowed_origins, '{}') AS allowed_origins, is_test, is_internal, coalesce(api_key_prefix, '') AS api_key_prefix,
        last_connection, created_at, industry, form_key, thank_you_url, auto_reply_paused_at, auto_reply_pause_reason,
        key_version, session_version
        """;

    public static Task<ClientProfile?> FindAsync(TenantTransaction transaction, Guid clientId, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<ClientProfile>($"SELECT {Profile} FROM clients WHERE client_id = @clientId", new { clientId }, cancellationToken);

    public static Task<ClientProfile> InsertAsync(TenantTransaction transaction, Guid clientId, ClientRegistration registration) =>
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
                apiKeyHash = registration.ApiKey.Hash,
                apiKeyPrefix = registration.ApiKey.Prefix,
                passwordHash = registration.PasswordHash,
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
                   api_key_hash = @newHash, api_key_prefix = @newPrefix, api_key_rotated_at = @at, key_version = key_version + 1, updated_at = @at
             WHERE client_id = @clientId
            """,
            new { clientId, newHash, newPrefix, at, previousValidUntil });

    /// <summary>Makes <paramref name="hash"/> the client's only key unless it already is; true when it changed.</summary>
    public static async Task<bool> ReplaceKeyIfDifferentAsync(TenantTransaction transaction, Guid clientId, string hash, string prefix, DateTimeOffset at) =>
        await transaction.ExecuteAsync(
            """
            UPDATE clients
               SET previous_api_key_hash = NULL, previous_api_key_expires_at = NULL,
                   api_key_hash = @hash, api_key_prefix = @prefix, api_key_rotated_at = @at, key_version = key_version + 1, updated_at = @at
             WHERE client_id = @clientId AND api_key_hash IS DISTINCT FROM @hash
            """,
            new { clientId, hash, prefix, at }) == 1;

    /// <summary>Never moves backwards: leads processed out of order must not make the client look idle.</summary>
    public static Task UpdateLastConnectionAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at) =>
        transaction.ExecuteAsync(
            "UPDATE clients SET last_connection = GREATEST(COALESCE(last_connection, @at), @at) WHERE client_id = @clientId", new { clientId, at });

    /// <summary>A new random form key (the old one stops working); the key version moves on.</summary>
    public static Task<ClientProfile?> RotateFormKeyAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at) =>
        transaction.QuerySingleOrDefaultAsync<ClientProfile>(
            $"""
            UPDATE clients
               SET form_key = 'pk_' || replace(gen_random_uuid()::text, '-', ''), key_version = key_version + 1, updated_at = @at
             WHERE client_id = @clientId
            RETURNING {Profile}
            """,
            new { clientId, at });

    /// <summary>Pauses the client's auto-replies unless they already are; returns the profile as stored.</summary>
    public static Task<ClientProfile?> PauseAutoRepliesAsync(TenantTransaction transaction, Guid clientId, string reason, DateTimeOffset at) =>
        transaction.QuerySingleOrDefaultAsync<ClientProfile>(
            $"""
            UPDATE clients
               SET auto_reply_paused_at = coalesce(auto_reply_paused_at, @at), auto_reply_pause_reason = coalesce(auto_reply_pause_reason, @reason),
                   updated_at = @at
             WHERE client_id = @clientId
            RETURNING {Profile}
            """,
            new { clientId, reason, at });

    public static Task<ClientProfile?> ResumeAutoRepliesAsync(TenantTransaction transaction, Guid clientId, DateTimeOffset at) =>
        transaction.QuerySingleOrDefaultAsync<ClientProfile>(
            $"""
            UPDATE clients SET auto_reply_paused_at = NULL, auto_reply_pause_reason = NULL, auto_reply_resumed_at = @at, updated_at = @at
             WHERE client_id = @clientId
            RETURNING {Profile}
            """,
            new { clientId, at });

    /// <summary>Internal (agency) user or not; a change moves the session version on, which ends the account's sessions.</summary>
    public static Task<ClientProfile?> SetInternalAsync(TenantTransaction transaction, Guid clientId, bool isInternal, DateTimeOffset at) =>
        transaction.QuerySingleOrDefaultAsync<ClientProfile>(
            $"""
            UPDATE clients
               SET session_version = session_version + CASE WHEN is_internal = @isInternal THEN 0 ELSE 1 END,
                   is_internal = @isInternal, updated_at = @at
             WHERE client_id = @clientId
            RETURNING {Profile}
            """,
            new { clientId, isInternal, at });
}

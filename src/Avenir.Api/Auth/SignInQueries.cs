namespace Avenir.Api.Auth;

/// <summary>The reads of sign-in: an account by email (as system: the email is what tells the tenant), and a client's password hash.</summary>
public sealed class SignInQueries(TenantDatabase database)
{
    /// <summary>What sign-in needs of a <c>clients</c> row.</summary>
    public sealed record Account(Guid ClientId, string? PasswordHash, DateTimeOffset? LockedUntil);

    /// <summary>The account of <paramref name="normalizedEmail"/> (lower case), or null.</summary>
    public async Task<Account?> FindAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<Account>(
            "SELECT client_id, password_hash, locked_until FROM clients WHERE lower(email) = @normalizedEmail", new { normalizedEmail }, cancellationToken);
    }

    public async Task<string?> PasswordHashAsync(Guid clientId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        return await transaction.ExecuteScalarAsync<string>(
            "SELECT password_hash FROM clients WHERE client_id = @clientId", new { clientId }, cancellationToken);
    }
}

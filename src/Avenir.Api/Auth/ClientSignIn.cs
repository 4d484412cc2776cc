using System.Collections.Concurrent;
using Avenir.Infrastructure.Security;

namespace Avenir.Api.Auth;

/// <summary>The outcome of a sign-in attempt.</summary>
public abstract record SignInOutcome
{
    public sealed record Succeeded(DashboardUser User, ClientProfile Profile) : SignInOutcome;

    /// <summary>Unknown email or wrong password: deliberately indistinguishable.</summary>
    public sealed record Rejected : SignInOutcome;

    public sealed record Locked(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// Email + password sign-in with lockout (5 failures lock the account for 15 minutes). Each attempt is counted before
/// its password is checked, in one statement (<see cref="IClientGrain.BeginSignInAttemptAsync"/>), so concurrent wrong
/// guesses cannot slip past the lockout: of 200 at once, exactly 5 are checked (and answered 401) and the rest are
/// refused (429); while locked a right password is refused too. A right password clears the count.
/// The answer and its cost are the same for an unknown email and a wrong password: an unknown email still pays one
/// PBKDF2 verification (against a dummy hash) and is counted and locked the same way (in memory), so neither the
/// status, the timing nor the lockout tells whether an account exists. The password is verified here, on the API's
/// threads, so a slow hash never holds the client's grain (which serves lead intake).
/// </summary>
public sealed class ClientSignIn(SignInQueries accounts, IGrainFactory grains, TimeProvider time, ILogger<ClientSignIn> logger)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private const int MaxTrackedUnknownEmails = 10_000;

    private static readonly Lazy<string> DummyHash = new(() =>
        PasswordHasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    private readonly ConcurrentDictionary<string, UnknownEmail> unknownEmails = new(StringComparer.Ordinal);

    public async Task<SignInOutcome> SignInAsync(string email, string password, string? remoteIp, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        var account = await accounts.FindAsync(normalized, cancellationToken);
        if (account is null)
        {
            return RejectUnknownEmail(normalized, password, remoteIp, now);
        }

        var grain = grains.GetGrain<IClientGrain>(account.ClientId);
        var attempt = await grain.BeginSignInAttemptAsync(MaxFailures, Lockout);
        if (!attempt.Allowed)
        {
            logger.LogWarning("Sign-in refused: client {ClientId} is locked until {LockedUntil} (from {Ip})", account.ClientId, attempt.LockedUntil, remoteIp);
            return new SignInOutcome.Locked(attempt.LockedUntil is { } until && until > now ? until - now : Lockout);
        }

        // No password set yet: the account cannot sign in, at the same cost as a wrong password.
        var verified = PasswordHasher.Verify(password, account.PasswordHash ?? DummyHash.Value) && account.PasswordHash is not null;
        if (!verified)
        {
            logger.LogWarning("Sign-in failed for client {ClientId} ({Email}) from {Ip}: wrong password", account.ClientId, Mask(normalized), remoteIp);
            return new SignInOutcome.Rejected();
        }

        await grain.RecordSignInAsync();
        if (await grain.GetProfileAsync() is not { } profile)
        {
            return new SignInOutcome.Rejected();
        }

        logger.LogInformation("Client {ClientId} signed in from {Ip}", account.ClientId, remoteIp);
        return new SignInOutcome.Succeeded(DashboardUser.NewSession(profile), profile);
    }

    /// <summary>Whether <paramref name="password"/> is the client's current password (for a password change).</summary>
    public async Task<bool> VerifyAsync(Guid clientId, string password, CancellationToken cancellationToken)
    {
        var hash = await accounts.PasswordHashAsync(clientId, cancellationToken);
        return PasswordHasher.Verify(password, hash ?? DummyHash.Value) && hash is not null;
    }

    private SignInOutcome RejectUnknownEmail(string email, string password, string? remoteIp, DateTimeOffset now)
    {
        if (unknownEmails.Count >= MaxTrackedUnknownEmails)
        {
            unknownEmails.Clear(); // bounded: a flood of random emails must not grow memory
        }

        // Counted before the hash, atomically, exactly as a real account is: the value AddOrUpdate returns is the one this
        // call stored, so "refused" belongs to this attempt even when others race it.
        var state = unknownEmails.AddOrUpdate(
            email,
            new UnknownEmail(1, null, Refused: false),
            (_, previous) => previous.LockedUntil is { } until && until > now ? previous with { Refused = true }
                : previous.Attempts + 1 >= MaxFailures ? new UnknownEmail(0, now + Lockout, Refused: false)
                : new UnknownEmail(previous.Attempts + 1, null, Refused: false));
        if (state is { Refused: true, LockedUntil: { } lockedUntil })
        {
            logger.LogWarning("Sign-in refused: unknown email {Email} is locked (from {Ip})", Mask(email), remoteIp);
            return new SignInOutcome.Locked(lockedUntil - now);
        }

        _ = PasswordHasher.Verify(password, DummyHash.Value);
        logger.LogWarning("Sign-in failed for unknown email {Email} from {Ip}", Mask(email), remoteIp);
        return new SignInOutcome.Rejected();
    }

    /// <summary>An email for logs: <c>j***@example.com</c>.</summary>
    private static string Mask(string email) => MaskedAddress.Of(email);

    private sealed record UnknownEmail(int Attempts, DateTimeOffset? LockedUntil, bool Refused);
}

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
/// Email + password sign-in with lockout (5 consecutive failures lock the account for 15 minutes). The
/// answer and its cost are the same for an unknown email and a wrong password: an unknown email still
/// pays one PBKDF2 verification (against a dummy hash) and is locked the same way (in memory), so neither
/// the status, the timing nor the lockout tells whether an account exists. The password is verified here,
/// on the API's threads, so a slow hash never holds the client's grain (which serves lead intake); the
/// grain records the outcome, being the single writer of its <c>clients</c> row.
/// </summary>
public sealed class ClientSignIn(SignInQueries accounts, IGrainFactory grains, TimeProvider time, ILogger<ClientSignIn> logger)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private const int MaxTrackedUnknownEmails = 10_000;

    private static readonly Lazy<string> DummyHash = new(() =>
        PasswordHasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> unknownEmails = new(StringComparer.Ordinal);

    public async Task<SignInOutcome> SignInAsync(string email, string password, string? remoteIp, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        var account = await accounts.FindAsync(normalized, cancellationToken);
        if (account is null)
        {
            return RejectUnknownEmail(normalized, password, remoteIp, now);
        }

        if (account.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            logger.LogWarning("Sign-in refused: client {ClientId} is locked until {LockedUntil} (from {Ip})", account.ClientId, lockedUntil, remoteIp);
            return new SignInOutcome.Locked(lockedUntil - now);
        }

        var grain = grains.GetGrain<IClientGrain>(account.ClientId);
        // No password set yet: the account cannot sign in, at the same cost as a wrong password.
        var verified = PasswordHasher.Verify(password, account.PasswordHash ?? DummyHash.Value) && account.PasswordHash is not null;
        if (!verified)
        {
            var locked = await grain.RecordFailedSignInAsync(MaxFailures, Lockout);
            logger.LogWarning("Sign-in failed for client {ClientId} ({Email}) from {Ip}: wrong password{Locked}",
                account.ClientId, Mask(normalized), remoteIp, locked is null ? "" : ", account now locked");
            return new SignInOutcome.Rejected();
        }

        await grain.RecordSignInAsync();
        if (await grain.GetProfileAsync() is not { } profile)
        {
            return new SignInOutcome.Rejected();
        }

        logger.LogInformation("Client {ClientId} signed in from {Ip}", account.ClientId, remoteIp);
        var csrf = Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return new SignInOutcome.Succeeded(new DashboardUser(account.ClientId, profile.Email, profile.IsInternal, csrf), profile);
    }

    /// <summary>Whether <paramref name="password"/> is the client's current password (for a password change).</summary>
    public async Task<bool> VerifyAsync(Guid clientId, string password, CancellationToken cancellationToken)
    {
        var hash = await accounts.PasswordHashAsync(clientId, cancellationToken);
        return PasswordHasher.Verify(password, hash ?? DummyHash.Value) && hash is not null;
    }

    private SignInOutcome RejectUnknownEmail(string email, string password, string? remoteIp, DateTimeOffset now)
    {
        if (unknownEmails.TryGetValue(email, out var state) && state.LockedUntil is { } until && until > now)
        {
            logger.LogWarning("Sign-in refused: unknown email {Email} is locked (from {Ip})", Mask(email), remoteIp);
            return new SignInOutcome.Locked(until - now);
        }

        _ = PasswordHasher.Verify(password, DummyHash.Value);
        if (unknownEmails.Count >= MaxTrackedUnknownEmails)
        {
            unknownEmails.Clear(); // bounded: a flood of random emails must not grow memory
        }

        unknownEmails.AddOrUpdate(email, (1, null), (_, previous) =>
            previous.Failures + 1 >= MaxFailures ? (0, now + Lockout) : (previous.Failures + 1, previous.LockedUntil));
        logger.LogWarning("Sign-in failed for unknown email {Email} from {Ip}", Mask(email), remoteIp);
        return new SignInOutcome.Rejected();
    }

    /// <summary>An email for logs: <c>j***@example.com</c>.</summary>
    public static string Mask(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? email[..1] + "***" + email[at..] : "***";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

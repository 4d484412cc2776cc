using System.Globalization;
using System.Security.Claims;

namespace Avenir.Api.Auth;

/// <summary>The signed-in dashboard user, as the session cookie's claims carry it.</summary>
public sealed record DashboardUser(Guid ClientId, string Email, bool IsAdmin, string CsrfToken, int SessionVersion)
{
    public const string ClientRole = "client";
    public const string AdminRole = "admin";
    public const string AdminPolicy = "admin";

    /// <summary>The per-session CSRF token: random, kept in the encrypted session cookie, returned by login and /me.</summary>
    public const string CsrfClaim = "avenir:csrf";

    /// <summary>
    /// The account's session version when the session began: a password change or a role change moves the account's
    /// version on, and a cookie of another version is refused (<see cref="SessionValidation"/>).
    /// </summary>
    public const string SessionVersionClaim = "avenir:session_version";

    /// <summary>A new session of <paramref name="profile"/>'s account, with a fresh CSRF token.</summary>
    public static DashboardUser NewSession(ClientProfile profile) =>
        new(profile.ClientId, profile.Email, profile.IsInternal, Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            profile.SessionVersion);

    public static DashboardUser? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var clientId)
        && principal.FindFirstValue(ClaimTypes.Email) is { } email
        && principal.FindFirstValue(CsrfClaim) is { } csrf
        && int.TryParse(principal.FindFirstValue(SessionVersionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new DashboardUser(clientId, email, principal.IsInRole(AdminRole), csrf, version)
            : null;

    public ClaimsPrincipal ToPrincipal(string authenticationScheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, ClientId.ToString()),
            new(ClaimTypes.Email, Email),
            new(ClaimTypes.Role, ClientRole),
            new(CsrfClaim, CsrfToken),
            new(SessionVersionClaim, SessionVersion.ToString(CultureInfo.InvariantCulture)),
        ];
        if (IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

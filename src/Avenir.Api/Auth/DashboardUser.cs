using System.Security.Claims;

namespace Avenir.Api.Auth;

/// <summary>The signed-in dashboard user, as the session cookie's claims carry it.</summary>
public sealed record DashboardUser(Guid ClientId, string Email, bool IsAdmin, string CsrfToken)
{
    public const string ClientRole = "client";
    public const string AdminRole = "admin";
    public const string AdminPolicy = "admin";

    /// <summary>The per-session CSRF token: random, kept in the encrypted session cookie, returned by login and /me.</summary>
    public const string CsrfClaim = "avenir:csrf";

    public static DashboardUser? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var clientId)
        && principal.FindFirstValue(ClaimTypes.Email) is { } email
        && principal.FindFirstValue(CsrfClaim) is { } csrf
            ? new DashboardUser(clientId, email, principal.IsInRole(AdminRole), csrf)
            : null;

    public ClaimsPrincipal ToPrincipal(string authenticationScheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, ClientId.ToString()),
            new(ClaimTypes.Email, Email),
            new(ClaimTypes.Role, ClientRole),
            new(CsrfClaim, CsrfToken),
        ];
        if (IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme));
    }
}

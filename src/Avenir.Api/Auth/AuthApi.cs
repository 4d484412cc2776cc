using Avenir.Api.Dashboard;
using Avenir.Api.Hosting;
using Avenir.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Avenir.Api.Auth;

/// <summary>Dashboard sign-in: a cookie session carrying the client id and roles, plus a per-session CSRF token.</summary>
public static class AuthApi
{
    public const string LoginPath = "/api/auth/login";
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 1024;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymous().WithMetadata(new RequestBodyLimit(SignInBodyLimit))
            .WithSummary("Signs in with email and password; sets the session cookie and returns the CSRF token.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
        auth.MapPost("/logout", (Delegate)LogoutAsync).WithName("Logout").AllowAnonymous()
            .WithSummary("Ends the session (clears the cookie).");
        auth.MapGet("/me", MeAsync).WithName("Me").RequireAuthorization()
            .WithSummary("The signed-in user and the session's CSRF token.").ProducesProblem(401);
        auth.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword").RequireAuthorization().AddEndpointFilter<CsrfProtection>()
            .WithMetadata(new RequestBodyLimit(SignInBodyLimit))
            .WithSummary("Changes the signed-in user's password (needs X-CSRF-Token).").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    /// <summary>What login and <c>/me</c> answer.</summary>
    /// <summary>The signed-in account; <c>AutoRepliesPausedAt</c> lets every page say that replies are paused.</summary>
    public sealed record SessionInfo(
        Guid ClientId, string Email, string BusinessName, bool IsAdmin, string Language, string CsrfToken, DateTimeOffset? AutoRepliesPausedAt);

    /// <summary>An email and a password fit in far less; a larger body is refused before it is read (413).</summary>
    public const int SignInBodyLimit = 4 * 1024;

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, ClientSignIn signIn, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 320)
        {
            return DashboardProblems.Invalid("invalid_request", "email", "Send the account's email.");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > MaxPasswordLength)
        {
            return DashboardProblems.Invalid("invalid_request", "password", "Send the password.");
        }

        switch (await signIn.SignInAsync(request.Email, request.Password, http.Connection.RemoteIpAddress?.ToString(), cancellationToken))
        {
            case SignInOutcome.Succeeded(var user, var profile):
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
                return TypedResults.Ok(Session(user, profile));
            case SignInOutcome.Locked(var retryAfter):
                return DashboardProblems.Locked(retryAfter, http);
            default:
                return DashboardProblems.InvalidCredentials();
        }
    }

    public static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> MeAsync(HttpContext http, IGrainFactory grains)
    {
        if (DashboardUser.From(http.User) is not { } user
            || await grains.GetGrain<IClientGrain>(user.ClientId).GetProfileAsync() is not { } profile)
        {
            return DashboardProblems.Unauthenticated();
        }

        return TypedResults.Ok(Session(user, profile));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        PasswordChange change, HttpContext http, ClientSignIn signIn, IGrainFactory grains, ILogger<ClientSignIn> logger, CancellationToken cancellationToken)
    {
        if (DashboardUser.From(http.User) is not { } user)
        {
            return DashboardProblems.Unauthenticated();
        }

        if (PasswordProblem(change.NewPassword, "newPassword") is { } weak)
        {
            return weak;
        }

        if (string.IsNullOrEmpty(change.CurrentPassword) || change.CurrentPassword.Length > MaxPasswordLength
            || !await signIn.VerifyAsync(user.ClientId, change.CurrentPassword, cancellationToken))
        {
            logger.LogWarning("Password change refused for client {ClientId}: wrong current password", user.ClientId);
            return DashboardProblems.Invalid("current_password_incorrect", "currentPassword", "The current password is wrong.");
        }

        // Hashed here: the password never crosses the grain boundary in clear. Every session of the account ends but
        // this one, which is issued again under the new session version.
        var version = await grains.GetGrain<IClientGrain>(user.ClientId).SetPasswordHashAsync(PasswordHasher.Hash(change.NewPassword!));
        if (version is null)
        {
            return DashboardProblems.Unauthenticated();
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            (user with { SessionVersion = version.Value }).ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.NoContent();
    }

    /// <summary>The problem with a new password, or null when it is acceptable (12 to 1024 characters).</summary>
    public static ProblemHttpResult? PasswordProblem(string? password, string parameter) =>
        password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength
            ? DashboardProblems.Invalid("weak_password", parameter, $"The new password must have {MinPasswordLength} to {MaxPasswordLength} characters.")
            : null;

    private static SessionInfo Session(DashboardUser user, ClientProfile profile) =>
        new(user.ClientId, profile.Email, profile.BusinessName, user.IsAdmin, profile.Language, user.CsrfToken, profile.AutoReplyPausedAt);
}

using Avenir.Api.Dashboard;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Avenir.Api.Auth;

/// <summary>Cookie sessions, the admin policy, and a <c>code</c> on every problem answer.</summary>
public static class DashboardAuthExtensions
{
    public const string CookieName = "avenir.session";

    public static IServiceCollection AddDashboardAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;

                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;

                // An API answers 401/403 problems; it never redirects to a login page.
                options.Events.OnRedirectToLogin = context => DashboardProblems.Unauthenticated().ExecuteAsync(context.HttpContext);
                options.Events.OnRedirectToAccessDenied = context => DashboardProblems.Forbidden().ExecuteAsync(context.HttpContext);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardUser.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(DashboardUser.AdminRole));
        services.AddSingleton<ClientSignIn>();

        // Problems the framework writes itself (bad JSON, unknown route, 405…) get a code from their status too.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails.Status switch
                {
                    400 => "bad_request",
                    401 => "unauthenticated",
                    403 => "forbidden",
                    404 => "not_found",
                    405 => "method_not_allowed",
                    413 => "too_large",
                    415 => "unsupported_media_type",
                    429 => "too_many_requests",
                    503 => "unavailable",
                    _ => "error",
                });
            };
        });
        return services;
    }
}

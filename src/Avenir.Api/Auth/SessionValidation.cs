using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Avenir.Api.Auth;

/// <summary>
/// Every request's session is checked against its account as the client's grain holds it (in memory, so it costs no
/// query): a session of an older version (the password or the role changed since) or of an account that is gone, or
/// an admin session of an account no longer internal, ends at once — on every API instance, since the grain is one.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || DashboardUser.From(context.Principal) is not { } user)
        {
            await RejectAsync(context);
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var profile = await grains.GetGrain<IClientGrain>(user.ClientId).GetProfileAsync();
        if (profile is null || profile.SessionVersion != user.SessionVersion || (user.IsAdmin && !profile.IsInternal))
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

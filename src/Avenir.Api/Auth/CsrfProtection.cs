using System.Security.Cryptography;
using System.Text;
using Avenir.Api.Dashboard;

namespace Avenir.Api.Auth;

/// <summary>
/// Refuses a mutating request whose <c>X-CSRF-Token</c> header does not equal the session's token (constant-time).
/// A cross-site page can make the browser send the cookie (SameSite=Strict already stops that in current
/// browsers) but can never read the token, which only login and <c>/api/auth/me</c> answer with.
/// </summary>
public sealed class CsrfProtection : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }

        var user = DashboardUser.From(http.User);
        var presented = http.Request.Headers[HeaderName].ToString();
        if (user is null || presented.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(user.CsrfToken)))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<CsrfProtection>()
                .LogWarning("CSRF token {State} on {Method} {Path} for client {ClientId}", presented.Length == 0 ? "missing" : "wrong",
                    http.Request.Method, http.Request.Path, user?.ClientId);
            return DashboardProblems.CsrfTokenInvalid();
        }

        return await next(context);
    }
}

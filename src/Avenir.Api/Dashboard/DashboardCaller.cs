using Avenir.Api.Auth;

namespace Avenir.Api.Dashboard;

/// <summary>
/// Who is calling a dashboard endpoint and for which client: the signed-in client itself, or — for an
/// admin passing <c>?clientId=</c> — any client. Resolved once per request by <see cref="DashboardCallerFilter"/>.
/// </summary>
public sealed record DashboardCaller(DashboardUser User, Guid ClientId)
{
    /// <summary>The <c>performed_by</c> of the actions this caller takes.</summary>
    public string PerformedBy => User.Email;

    public static DashboardCaller Of(HttpContext http) =>
        http.Items[typeof(DashboardCaller)] as DashboardCaller
        ?? throw new InvalidOperationException("The dashboard caller is resolved by DashboardCallerFilter.");
}

/// <summary>Resolves the <see cref="DashboardCaller"/>; a non-admin naming another client gets 403.</summary>
public sealed class DashboardCallerFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (DashboardUser.From(http.User) is not { } user)
        {
            return DashboardProblems.Unauthenticated();
        }

        var clientId = user.ClientId;
        if (http.Request.Query["clientId"].ToString() is { Length: > 0 } asked)
        {
            if (!Guid.TryParse(asked, out var askedId))
            {
                return DashboardProblems.Invalid("invalid_parameter", "clientId", $"'{Truncate(asked)}' is not a client id.");
            }

            if (askedId != user.ClientId && !user.IsAdmin)
            {
                return DashboardProblems.Forbidden("Only an admin may act for another client (?clientId=).");
            }

            clientId = askedId;
        }

        http.Items[typeof(DashboardCaller)] = new DashboardCaller(user, clientId);
        return await next(context);
    }

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

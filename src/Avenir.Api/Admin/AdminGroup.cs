using Avenir.Api.Auth;

namespace Avenir.Api.Admin;

/// <summary>The agency's admin API: one route group for every admin endpoint (role <c>admin</c>; mutating requests need <c>X-CSRF-Token</c>).</summary>
public static class AdminGroup
{
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/admin").WithTags(tag)
            .RequireAuthorization(DashboardUser.AdminPolicy)
            .AddEndpointFilter<CsrfProtection>()
            .ProducesProblem(401).ProducesProblem(403);
}

using Avenir.Api.Dashboard;
using Avenir.Contracts.Growth;

namespace Avenir.Api.Admin;

/// <summary>The agency reads any client's growth figures (role <c>admin</c>).</summary>
public static class AdminGrowthApi
{
    public static IEndpointRouteBuilder MapAdminGrowthApi(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup("Admin")
            .MapGet("/clients/{clientId:guid}/growth", GetAsync).WithName("AdminGetGrowth")
            .WithSummary("A client's live growth figures (as GET /api/dashboard/growth answers that client).")
            .ProducesProblem(404);
        return app;
    }

    public static async Task<Results<Ok<GrowthBrainReport>, ProblemHttpResult>> GetAsync(Guid clientId, IGrainFactory grains) =>
        await grains.GetGrain<IClientGrain>(clientId).GetGrowthAsync() is { } report
            ? TypedResults.Ok(report)
            : DashboardProblems.NotFound("client");
}

using Avenir.Api.Admin;
using Avenir.Api.Admin.Outreach;
using Avenir.Api.Admin.Prompts;
using Avenir.Api.Admin.Prospects;
using Avenir.Api.Auth;

namespace Avenir.Api.Dashboard;

/// <summary>One line each in Program.cs for the dashboard's services and endpoints.</summary>
public static class DashboardExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddDashboardAuth();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapDashboardApi();
        app.MapSettingsApi();
        app.MapGrowthApi();
        app.MapAdminApi();
        app.MapPromptTestsApi();
        app.MapFeedbackAdminApi();
        app.MapAdminGrowthApi();
        app.MapProspectsApi();
        app.MapOutreachTemplatesApi();
        app.MapOutreachCampaignsApi();
        app.MapOutreachMailboxesApi();
        return app;
    }
}

using Avenir.Api.Admin;
using Avenir.Api.Admin.Outreach;
using Avenir.Api.Admin.Prompts;
using Avenir.Api.Admin.Prospects;
using Avenir.Api.Auth;
using Avenir.Api.Clients;
using Avenir.Api.Dashboard;

namespace Avenir.Api.Hosting;

/// <summary>The API's read side: every <c>*Queries</c> class (SQL under row-level security), one stateless instance each.</summary>
public static class QueryServiceCollectionExtensions
{
    public static IServiceCollection AddAvenirQueries(this IServiceCollection services) => services
        .AddSingleton<ClientKeyQueries>()
        .AddSingleton<SignInQueries>()
        .AddSingleton<LeadQueries>()
        .AddSingleton<AdminClientQueries>()
        .AddSingleton<MetricsQueries>()
        .AddSingleton<EmailEventQueries>()
        .AddSingleton<PromptCatalogQueries>()
        .AddSingleton<ProspectQueries>()
        .AddSingleton<EmailTemplateQueries>()
        .AddSingleton<OutreachCampaignQueries>();
}

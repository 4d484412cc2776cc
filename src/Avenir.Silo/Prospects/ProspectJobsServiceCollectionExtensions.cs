using Avenir.Silo.Prospects.Discovery;

// The namespace of IServiceCollection, so that AddProspectJobs shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The prospect job handlers (<c>prospect_discovery</c>, …). Apart from <c>AddProspects</c> because they need the
/// cluster (<c>IGrainFactory</c>) and the job queue, which the components' own tests do not have.
/// </summary>
public static class ProspectJobsServiceCollectionExtensions
{
    public static IServiceCollection AddProspectJobs(this IServiceCollection services)
    {
        services.AddOptions<ProspectDiscoveryOptions>().BindConfiguration(ProspectDiscoveryOptions.Section);
        services.AddTransient<ProspectDiscovery>();
        services.AddJobHandler<ProspectDiscoveryJobHandler>();
        return services;
    }
}

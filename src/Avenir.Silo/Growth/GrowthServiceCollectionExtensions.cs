using Avenir.Silo.Growth;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the growth brain's weekly recompute: the <c>intelligence_analysis</c> job and its scheduler.</summary>
public static class GrowthServiceCollectionExtensions
{
    public static IServiceCollection AddGrowthAnalysis(this IServiceCollection services)
    {
        services.AddJobHandler<GrowthAnalysisJobHandler>();
        services.AddSingleton<GrowthAnalysisScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<GrowthAnalysisScheduler>());
        return services;
    }
}

using Avenir.Silo.Prospects.Discovery;
using Avenir.Silo.Prospects.FormTesting.Jobs;
using Avenir.Silo.Prospects.Queue;
using Avenir.Silo.Prospects.Scoring;

// The namespace of IServiceCollection, so that AddProspectJobs shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The prospect job handlers (<c>prospect_discovery</c>, <c>daily_prospect_queue</c>, <c>prospect_form_test</c>,
/// <c>prospect_similarity</c>, <c>prospect_rescore</c>).
/// Apart from <c>AddProspects</c> because they need the
/// cluster (<c>IGrainFactory</c>) and the job queue, which the components' own tests do not have.
/// </summary>
public static class ProspectJobsServiceCollectionExtensions
{
    public static IServiceCollection AddProspectJobs(this IServiceCollection services) =>
        services.AddProspectDiscoveryJob().AddDailyProspectQueueJob().AddProspectFormTestJob().AddProspectScoringJobs();

    /// <summary><c>prospect_similarity</c> and <c>prospect_rescore</c> (need <c>IGrainFactory</c>; the first the AI's <c>IProfileSimilarity</c>).</summary>
    public static IServiceCollection AddProspectScoringJobs(this IServiceCollection services) =>
        services.AddJobHandler<ProspectSimilarityJobHandler>().AddJobHandler<ProspectRescoreJobHandler>();

    /// <summary><c>prospect_form_test</c> (needs <c>AddProspects</c>' form testing and <c>IGrainFactory</c>).</summary>
    public static IServiceCollection AddProspectFormTestJob(this IServiceCollection services) =>
        services.AddJobHandler<ProspectFormTestJobHandler>();

    /// <summary><c>prospect_discovery</c> (needs <c>IGrainFactory</c> and the configured sources).</summary>
    public static IServiceCollection AddProspectDiscoveryJob(this IServiceCollection services)
    {
        services.AddOptions<ProspectDiscoveryOptions>().BindConfiguration(ProspectDiscoveryOptions.Section);
        services.AddTransient<ProspectDiscovery>();
        services.AddJobHandler<ProspectDiscoveryJobHandler>();
        return services;
    }

    /// <summary><c>daily_prospect_queue</c> (needs the database only).</summary>
    public static IServiceCollection AddDailyProspectQueueJob(this IServiceCollection services)
    {
        services.AddOptions<DailyProspectQueueOptions>().BindConfiguration(DailyProspectQueueOptions.Section);
        services.AddJobHandler<DailyProspectQueueJobHandler>();
        return services;
    }

    /// <summary>The scheduler that enqueues each day's <c>daily_prospect_queue</c> job (a hosted service; not in tests that drive the runner).</summary>
    public static IServiceCollection AddDailyProspectQueueScheduler(this IServiceCollection services)
    {
        services.AddSingleton<DailyProspectQueueScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<DailyProspectQueueScheduler>());
        return services;
    }
}

using Avenir.Silo.Jobs;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the job queue, its workers and job handlers.</summary>
public static class JobServiceCollectionExtensions
{
    /// <summary>The queue, the runner and the metrics, without the background workers (tests drive the runner).</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        services.AddMetrics();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<JobRunner>();
        return services;
    }

    /// <summary>Adds a handler; it is chosen by its <see cref="IJobHandler.JobType"/>. One handler per job type.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddTransient<IJobHandler, THandler>();
        return services;
    }
}

using Avenir.Silo.Learning;

// The namespace of IServiceCollection, so that AddFeedbackLearning shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the learning loop's jobs (docs/learning-loop.md).</summary>
public static class LearningServiceCollectionExtensions
{
    /// <summary>
    /// The <c>feedback_learning</c> and <c>feedback_cleanup</c> handlers (<c>Learning:*</c>) and, with
    /// <paramref name="scheduler"/>, the hosted <see cref="FeedbackJobsScheduler"/>. Needs the job queue (<c>AddJobQueue</c>).
    /// </summary>
    public static IServiceCollection AddFeedbackLearning(this IServiceCollection services, IConfiguration configuration, bool scheduler = true)
    {
        services.AddOptions<LearningOptions>().Bind(configuration.GetSection(LearningOptions.Section));
        services.AddJobHandler<FeedbackLearningJobHandler>();
        services.AddJobHandler<FeedbackCleanupJobHandler>();
        if (scheduler)
        {
            services.AddHostedService<FeedbackJobsScheduler>();
        }

        return services;
    }
}

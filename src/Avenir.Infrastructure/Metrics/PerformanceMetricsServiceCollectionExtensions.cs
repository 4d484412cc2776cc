using Avenir.Infrastructure.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The namespace of IServiceCollection, so that AddPerformanceMetrics shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the in-process performance metrics: the recorder, its writer and the flusher.</summary>
public static class PerformanceMetricsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="PerformanceRecorder"/> (singleton; inject it where something is measured), <see cref="PerformanceMetricsWriter"/>,
    /// and — with <paramref name="flusher"/> — the hosted <see cref="PerformanceMetricsFlusher"/> (<c>PerformanceMetrics:FlushInterval</c>).
    /// Needs <c>TenantDatabase</c>.
    /// </summary>
    public static IServiceCollection AddPerformanceMetrics(this IServiceCollection services, IConfiguration configuration, bool flusher = true)
    {
        services.AddOptions<PerformanceMetricsOptions>().Bind(configuration.GetSection(PerformanceMetricsOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PerformanceRecorder>();
        services.TryAddSingleton<PerformanceMetricsWriter>();
        if (flusher)
        {
            services.TryAddSingleton<PerformanceMetricsFlusher>();
            services.AddHostedService(provider => provider.GetRequiredService<PerformanceMetricsFlusher>());
        }

        return services;
    }
}

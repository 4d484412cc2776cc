using Avenir.Silo.Intelligence.Local;

// The namespace of IServiceCollection, so that AddLocalEnrichment shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the offline enrichment engine.</summary>
public static class LocalEnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LocalEnrichmentEngine"/> as the singleton <see cref="Avenir.Silo.Intelligence.ILeadEnrichmentEngine"/>,
    /// loaded on first use from <paramref name="modelPath"/> or from Intelligence/Model/enrichment-model.bin next to the assembly.
    /// </summary>
    public static IServiceCollection AddLocalEnrichment(this IServiceCollection services, string? modelPath = null)
    {
        services.AddSingleton(_ => LocalEnrichmentEngine.Load(modelPath));
        services.AddSingleton<Avenir.Silo.Intelligence.ILeadEnrichmentEngine>(provider => provider.GetRequiredService<LocalEnrichmentEngine>());
        return services;
    }
}

using Avenir.Silo.Enrichment;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>lead_enrichment</c> job. The engine (<c>ILeadEnrichmentEngine</c>) is registered separately.</summary>
public static class EnrichmentJobServiceCollectionExtensions
{
    public static IServiceCollection AddLeadEnrichmentJob(this IServiceCollection services) =>
        services.AddJobHandler<LeadEnrichmentJobHandler>();
}

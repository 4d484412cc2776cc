namespace Avenir.Silo.Intelligence;

/// <summary>
/// Classifies an incoming lead (language, intent, tone, urgency), scores how sure it is and
/// extracts a short summary. Implementations must never throw for odd input: empty, huge,
/// HTML or foreign-language messages get a valid result with a low confidence instead.
/// </summary>
public interface ILeadEnrichmentEngine
{
    /// <summary>Name and version of the model, recorded with every prediction.</summary>
    string ModelName { get; }

    /// <summary>Enriches one lead.</summary>
    Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default);
}

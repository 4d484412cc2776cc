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

    /// <summary>
    /// Whether <see cref="EnrichBatchAsync"/> is cheaper than one call per lead. Only then are enrichment jobs claimed in
    /// batches: a remote LLM answered one lead after another would make every lead of a batch wait for all of them, and a
    /// batch of slow answers could outlast a job's budget.
    /// </summary>
    bool EnrichesInBatches => false;

    /// <summary>Enriches one lead.</summary>
    Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enriches several leads; the results are in the requests' order and each equals <see cref="EnrichAsync"/> of its
    /// request. By default one call per lead, one after another (a remote engine gains nothing from more); the local
    /// engine overrides it to run the sentence encoder on several texts at once.
    /// </summary>
    async Task<IReadOnlyList<LeadEnrichmentResult>> EnrichBatchAsync(
        IReadOnlyList<LeadEnrichmentRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new LeadEnrichmentResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            results[i] = await EnrichAsync(requests[i], cancellationToken);
        }

        return results;
    }
}

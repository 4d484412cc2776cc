using Avenir.Silo.Intelligence;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>
/// A deterministic stand-in for the enrichment engine in job tests: answers the configured result
/// (French for messages that start with "Bonjour", else English, unless told otherwise) and counts its calls
/// (<see cref="Calls"/> per lead, <see cref="BatchCalls"/> per batch; a batch answers lead by lead, so one lead that
/// throws fails the whole batch call, as a real engine's batch would).
/// </summary>
public sealed class FixedEnrichmentEngine : ILeadEnrichmentEngine
{
    private int calls;
    private int batchCalls;

    public string ModelName => "fixed-test-engine-1";

    /// <summary>Stands in for the local model, whose jobs are claimed in batches.</summary>
    public bool EnrichesInBatches => true;

    public int Calls => calls;

    public int BatchCalls => batchCalls;

    public Func<LeadEnrichmentRequest, LeadEnrichmentResult>? Answer { get; set; }

    public Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        var french = request.Message.StartsWith("Bonjour", StringComparison.OrdinalIgnoreCase);
        return Task.FromResult(Answer?.Invoke(request) ?? new LeadEnrichmentResult(
            french ? "fr" : "en", "appointment_booking", "Friendly", "High", 0.87,
            french ? "Veut un rendez-vous samedi." : "Wants an appointment on Saturday.", ModelName));
    }

    public async Task<IReadOnlyList<LeadEnrichmentResult>> EnrichBatchAsync(
        IReadOnlyList<LeadEnrichmentRequest> requests, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref batchCalls);
        var results = new List<LeadEnrichmentResult>(requests.Count);
        foreach (var request in requests)
        {
            results.Add(await EnrichAsync(request, cancellationToken));
        }

        return results;
    }
}

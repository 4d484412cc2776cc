using Avenir.Silo.Intelligence;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>
/// A deterministic stand-in for the enrichment engine in job tests: answers the configured result
/// (French for messages that start with "Bonjour", else English, unless told otherwise) and counts its calls.
/// </summary>
public sealed class FixedEnrichmentEngine : ILeadEnrichmentEngine
{
    private int calls;

    public string ModelName => "fixed-test-engine-1";

    public int Calls => calls;

    public Func<LeadEnrichmentRequest, LeadEnrichmentResult>? Answer { get; set; }

    public Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        var french = request.Message.StartsWith("Bonjour", StringComparison.OrdinalIgnoreCase);
        return Task.FromResult(Answer?.Invoke(request) ?? new LeadEnrichmentResult(
            french ? "fr" : "en", "appointment_booking", "Friendly", "High", 0.87,
            french ? "Veut un rendez-vous samedi." : "Wants an appointment on Saturday.", ModelName));
    }
}

namespace Avenir.Contracts.Leads;

/// <summary>
/// One enrichment of a lead, as a job computed it outside the grain, to be applied by
/// <see cref="ILeadGrain.ApplyEnrichmentAsync"/>. <see cref="JobId"/> makes applying it idempotent.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadEnrichment")]
public sealed record class LeadEnrichment
{
    /// <summary>The job that produced it; applying the same job's enrichment again changes nothing.</summary>
    [Id(0)] public required Guid JobId { get; init; }

    /// <summary><c>en</c>, <c>fr</c> or <c>other</c> (<see cref="LeadLanguages"/>): then <see cref="DetectedLanguage"/> says which.</summary>
    [Id(1)] public required string Language { get; init; }

    /// <summary>One of the 12 intent labels.</summary>
    [Id(2)] public required string Intent { get; init; }

    /// <summary>Professional, Friendly, Formal, Casual, Frustrated or Enthusiastic.</summary>
    [Id(3)] public required string Tone { get; init; }

    /// <summary>High, Medium or Low.</summary>
    [Id(4)] public required string Urgency { get; init; }

    /// <summary>0–1, at most three decimals (stored on the lead with two, in the prediction's feedback row with three).</summary>
    [Id(5)] public required decimal Confidence { get; init; }

    [Id(6)] public required string Summary { get; init; }

    /// <summary>The model name and version, recorded with the prediction.</summary>
    [Id(7)] public required string Model { get; init; }

    /// <summary>How long the engine took, for <c>performance_metrics</c>.</summary>
    [Id(8)] public double LatencyMs { get; init; }

    /// <summary>snake_case <c>performance_metrics.source_component</c>, e.g. <c>local_enrichment_engine</c>.</summary>
    [Id(9)] public string SourceComponent { get; init; } = "lead_enrichment";

    /// <summary>ISO 639-1 code of the message's language (equal to <see cref="Language"/> for en/fr); null when the engine did not say.</summary>
    [Id(10)] public string? DetectedLanguage { get; init; }

    /// <summary><see cref="LeadSummarySources"/>: <c>llm</c> or <c>extractive</c>; null when the engine did not say.</summary>
    [Id(11)] public string? SummarySource { get; init; }

    /// <summary>The language <see cref="Summary"/> is written in.</summary>
    [Id(12)] public string? SummaryLanguage { get; init; }

    /// <summary>The summary translated into <see cref="SummaryTranslationLanguage"/> (the other of en/fr), when it could be.</summary>
    [Id(13)] public string? SummaryTranslation { get; init; }

    [Id(14)] public string? SummaryTranslationLanguage { get; init; }
}

namespace Avenir.Contracts.Leads;

/// <summary>A lead as stored, with its enrichment once it has one.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadSnapshot")]
public sealed record class LeadSnapshot
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required Guid ClientId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required string Email { get; init; }
    [Id(4)] public required string Message { get; init; }
    [Id(5)] public string? Phone { get; init; }
    [Id(6)] public string? Company { get; init; }
    [Id(7)] public string? Language { get; init; }
    [Id(8)] public string? Intent { get; init; }
    [Id(9)] public string? Tone { get; init; }
    [Id(10)] public string? Urgency { get; init; }
    [Id(11)] public decimal? Confidence { get; init; }
    [Id(12)] public string? Summary { get; init; }
    [Id(13)] public string? CurrentTag { get; init; }
    [Id(14)] public bool Archived { get; init; }
    [Id(15)] public bool Deleted { get; init; }
    [Id(16)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>ISO 639-1 code of the message's language once enriched (<see cref="Language"/> is then <c>other</c> when it is neither en nor fr).</summary>
    [Id(17)] public string? DetectedLanguage { get; init; }
}

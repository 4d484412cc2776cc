namespace Avenir.Contracts.Leads;

/// <summary>A lead as a website form sent it, after validation.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Leads.LeadSubmission")]
public sealed record class LeadSubmission
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required string Message { get; init; }
    [Id(3)] public string? Phone { get; init; }
    [Id(4)] public string? Company { get; init; }

    /// <summary>The language the form declared (en/fr), if any; enrichment detects its own.</summary>
    [Id(5)] public string? Language { get; init; }

    /// <summary>Any extra form fields, kept as they came.</summary>
    [Id(6)] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    [Id(7)] public string Source { get; init; } = "api";
}

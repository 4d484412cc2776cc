namespace Avenir.Contracts.Prospects;

/// <summary>
/// One company as one source described it (PDL, Apollo, Google, a CSV row), as it travels to the prospect's grain.
/// The grain's key is the normalised domain of <see cref="Website"/>; the grain refuses a record of another domain.
/// </summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectRecord")]
public sealed record class ProspectRecord
{
    [Id(0)] public required string Source { get; init; }
    [Id(1)] public required string Website { get; init; }
    [Id(2)] public required DateTimeOffset SeenAt { get; init; }
    [Id(3)] public string? Name { get; init; }
    [Id(4)] public string? Industry { get; init; }
    [Id(5)] public int? EmployeeCount { get; init; }
    [Id(6)] public string? SizeRange { get; init; }
    [Id(7)] public string? City { get; init; }
    [Id(8)] public string? Region { get; init; }
    [Id(9)] public string? Country { get; init; }
    [Id(10)] public string? Language { get; init; }
    [Id(11)] public string? Description { get; init; }
    [Id(12)] public string? LinkedInUrl { get; init; }
    [Id(13)] public string? Phone { get; init; }
    [Id(14)] public string? Email { get; init; }
    [Id(15)] public string? ContactName { get; init; }
    [Id(16)] public string? SourceId { get; init; }
}

namespace Avenir.Grains.Prospects;

/// <summary>
/// A prospect as all its sources together describe it: the merged facts (<see cref="ProspectMerge"/>), the
/// list of sources, when it was first and last seen, and the latest record from each source (so a merge can be
/// recomputed whatever order records arrive in).
/// </summary>
public sealed record ProspectProfile(
    ProspectDomain Domain,
    IReadOnlyList<string> Sources,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    string? Name,
    string? Website,
    string? Industry,
    int? EmployeeCount,
    string? SizeRange,
    string? City,
    string? Region,
    string? Country,
    string? Language,
    string? Description,
    string? LinkedInUrl,
    string? Phone,
    string? Email,
    string? ContactName,
    IReadOnlyList<ProspectSourceRecord> Records);

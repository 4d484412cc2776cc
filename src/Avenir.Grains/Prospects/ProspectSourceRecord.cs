namespace Avenir.Grains.Prospects;

/// <summary>
/// One company as one source described it, already normalised: the unit every source adapter and the CSV
/// import return and that <see cref="ProspectMerge"/> folds into a <see cref="ProspectProfile"/>.
/// </summary>
/// <param name="Source">Where it came from (<see cref="ProspectSources"/>).</param>
/// <param name="Domain">The identity: the normalised website domain.</param>
/// <param name="SeenAt">When the source returned it.</param>
/// <param name="Name">Business name.</param>
/// <param name="Website">The website as the source wrote it (kept for display; the identity is <paramref name="Domain"/>).</param>
/// <param name="Industry">Industry as the source names it (lower case).</param>
/// <param name="EmployeeCount">Employees, when the source gives a number.</param>
/// <param name="SizeRange">A size bucket such as <c>1-10</c>, when the source gives a range.</param>
/// <param name="City">City or locality.</param>
/// <param name="Region">Province or state.</param>
/// <param name="Country">Country.</param>
/// <param name="Language">Business language (<c>en</c>/<c>fr</c>) when known.</param>
/// <param name="Description">Free-text description or search snippet.</param>
/// <param name="LinkedInUrl">LinkedIn company page.</param>
/// <param name="Phone">Phone number.</param>
/// <param name="Email">Public contact e-mail.</param>
/// <param name="ContactName">A contact person, when the list names one.</param>
/// <param name="SourceId">The source's own id for the company, when it has one.</param>
/// <param name="EmailSourceUrl">The page <paramref name="Email"/> was published on, when the source says (CASL evidence).</param>
/// <param name="EmailSeenAt">When <paramref name="Email"/> was seen on <paramref name="EmailSourceUrl"/>.</param>
public sealed record ProspectSourceRecord(
    string Source,
    ProspectDomain Domain,
    DateTimeOffset SeenAt,
    string? Name = null,
    string? Website = null,
    string? Industry = null,
    int? EmployeeCount = null,
    string? SizeRange = null,
    string? City = null,
    string? Region = null,
    string? Country = null,
    string? Language = null,
    string? Description = null,
    string? LinkedInUrl = null,
    string? Phone = null,
    string? Email = null,
    string? ContactName = null,
    string? SourceId = null,
    string? EmailSourceUrl = null,
    DateTimeOffset? EmailSeenAt = null);

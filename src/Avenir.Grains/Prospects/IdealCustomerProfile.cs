namespace Avenir.Grains.Prospects;

/// <summary>
/// The agency's ideal customer, as data: what discovery searches for. Each source adapter turns it into its
/// own query (an Elasticsearch query for PDL, filters for Apollo, search phrases for Google).
/// </summary>
/// <param name="Industries">Industries in the sources' lower-case English vocabulary, e.g. <c>dental</c>, <c>law practice</c>, <c>construction</c>.</param>
/// <param name="Regions">Where the businesses are.</param>
/// <param name="Languages">Languages the businesses work in (<c>en</c>, <c>fr</c>); used for search phrases and the inquiry.</param>
/// <param name="MinEmployees">Smallest company size, inclusive (null: no minimum).</param>
/// <param name="MaxEmployees">Largest company size, inclusive (null: no maximum).</param>
/// <param name="Keywords">Extra keywords (services, specialities) that narrow the search.</param>
public sealed record IdealCustomerProfile(
    IReadOnlyList<string> Industries,
    IReadOnlyList<IcpRegion> Regions,
    IReadOnlyList<string> Languages,
    int? MinEmployees = null,
    int? MaxEmployees = null,
    IReadOnlyList<string>? Keywords = null)
{
    /// <summary>The keywords, never null.</summary>
    public IReadOnlyList<string> KeywordList => Keywords ?? [];

    /// <summary>
    /// The size buckets the data providers use (1-10, 11-50, 51-200, 201-500, 501-1000, 1001-5000, 5001-10000,
    /// 10001+) that overlap [<see cref="MinEmployees"/>, <see cref="MaxEmployees"/>].
    /// </summary>
    public IReadOnlyList<(int Min, int? Max)> SizeBuckets()
    {
        (int Min, int? Max)[] buckets = [(1, 10), (11, 50), (51, 200), (201, 500), (501, 1000), (1001, 5000), (5001, 10000), (10001, null)];
        var low = MinEmployees ?? 1;
        var high = MaxEmployees ?? int.MaxValue;
        return buckets.Where(b => b.Min <= high && (b.Max ?? int.MaxValue) >= low).ToList();
    }
}

/// <summary>A place: a country (ISO name as the sources write it, e.g. <c>canada</c>), optionally a province and a city.</summary>
public sealed record IcpRegion(string Country, string? Region = null, string? City = null);

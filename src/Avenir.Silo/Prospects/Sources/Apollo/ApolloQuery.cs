using System.Text.Json.Nodes;
using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources.Apollo;

/// <summary>
/// Turns an <see cref="IdealCustomerProfile"/> into Apollo's search filters: <c>organization_locations[]</c>
/// ("lévis, quebec, canada"), <c>organization_num_employees_ranges[]</c> ("1,10"), and
/// <c>q_organization_keyword_tags[]</c> (industries and keywords).
/// </summary>
public static class ApolloQuery
{
    /// <summary>Apollo's largest page.</summary>
    public const int MaxPerPage = 100;

    /// <summary>The request body for <paramref name="page"/> (1-based).</summary>
    public static JsonObject From(IdealCustomerProfile profile, int page, int perPage)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var body = new JsonObject();
        var locations = profile.Regions
            .Select(r => string.Join(", ", new[] { r.City, r.Region, r.Country }
                .Where(part => !string.IsNullOrWhiteSpace(part))
                .Select(part => part!.Trim().ToLowerInvariant())))
            .Where(text => text.Length > 0)
            .ToList();
        if (locations.Count > 0)
        {
            body["organization_locations"] = Array(locations);
        }

        if (profile.MinEmployees is not null || profile.MaxEmployees is not null)
        {
            body["organization_num_employees_ranges"] = Array(profile.SizeBuckets().Select(b => $"{b.Min},{b.Max ?? 1_000_000}"));
        }

        var tags = profile.Industries.Concat(profile.KeywordList)
            .Select(t => t.Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (tags.Count > 0)
        {
            body["q_organization_keyword_tags"] = Array(tags);
        }

        body["page"] = Math.Max(1, page);
        body["per_page"] = Math.Clamp(perPage, 1, MaxPerPage);
        return body;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}

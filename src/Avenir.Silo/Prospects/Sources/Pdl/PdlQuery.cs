using System.Text.Json.Nodes;
using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources.Pdl;

/// <summary>
/// Turns an <see cref="IdealCustomerProfile"/> into PDL's Elasticsearch query over the company schema
/// (<c>industry</c>, <c>size</c>, <c>location.country</c>/<c>region</c>/<c>locality</c>, <c>website</c>):
/// every clause must hold, a region matches any listed place, and a company without a website is useless here.
/// </summary>
public static class PdlQuery
{
    /// <summary>The <c>query</c> object of a Company Search request.</summary>
    public static JsonObject From(IdealCustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var must = new JsonArray { new JsonObject { ["exists"] = new JsonObject { ["field"] = "website" } } };
        if (profile.Industries.Count > 0)
        {
            must.Add(Terms("industry", profile.Industries.Select(i => i.Trim().ToLowerInvariant())));
        }

        var sizes = profile.SizeBuckets();
        if ((profile.MinEmployees is not null || profile.MaxEmployees is not null) && sizes.Count > 0)
        {
            must.Add(Terms("size", sizes.Select(b => b.Max is { } max ? $"{b.Min}-{max}" : $"{b.Min}+")));
        }

        if (profile.Regions.Count > 0)
        {
            var places = new JsonArray();
            foreach (var region in profile.Regions)
            {
                var place = new JsonArray { Term("location.country", region.Country) };
                if (region.Region is { } province)
                {
                    place.Add(Term("location.region", province));
                }

                if (region.City is { } city)
                {
                    place.Add(Term("location.locality", city));
                }

                places.Add(new JsonObject { ["bool"] = new JsonObject { ["must"] = place } });
            }

            must.Add(new JsonObject { ["bool"] = new JsonObject { ["should"] = places, ["minimum_should_match"] = 1 } });
        }

        foreach (var keyword in profile.KeywordList)
        {
            must.Add(new JsonObject { ["match"] = new JsonObject { ["summary"] = keyword } });
        }

        return new JsonObject { ["bool"] = new JsonObject { ["must"] = must } };
    }

    private static JsonObject Term(string field, string value) =>
        new() { ["term"] = new JsonObject { [field] = value.Trim().ToLowerInvariant() } };

    private static JsonObject Terms(string field, IEnumerable<string> values) =>
        new() { ["terms"] = new JsonObject { [field] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) } };
}

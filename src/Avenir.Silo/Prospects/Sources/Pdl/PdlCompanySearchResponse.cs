using System.Text.Json.Serialization;

namespace Avenir.Silo.Prospects.Sources.Pdl;

/// <summary>PDL Company Search's answer: <c>{status, total, scroll_token, data:[…]}</c>.</summary>
internal sealed record PdlCompanySearchResponse(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("total")] long? Total,
    [property: JsonPropertyName("scroll_token")] string? ScrollToken,
    [property: JsonPropertyName("data")] IReadOnlyList<PdlCompany>? Data);

/// <summary>The company fields Avenir reads (PDL writes most of them lower case).</summary>
internal sealed record PdlCompany(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("website")] string? Website,
    [property: JsonPropertyName("industry")] string? Industry,
    [property: JsonPropertyName("size")] string? Size,
    [property: JsonPropertyName("employee_count")] int? EmployeeCount,
    [property: JsonPropertyName("location")] PdlLocation? Location,
    [property: JsonPropertyName("linkedin_url")] string? LinkedInUrl,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("headline")] string? Headline);

/// <summary>A PDL location.</summary>
internal sealed record PdlLocation(
    [property: JsonPropertyName("locality")] string? Locality,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("country")] string? Country);

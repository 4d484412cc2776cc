using System.Text.Json.Serialization;

namespace Avenir.Silo.Prospects.Sources.Google;

/// <summary>The Custom Search answer: <c>items[]</c> and <c>searchInformation.totalResults</c> (a string).</summary>
internal sealed record GoogleSearchResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<GoogleSearchItem>? Items,
    [property: JsonPropertyName("searchInformation")] GoogleSearchInformation? SearchInformation);

/// <summary>One result.</summary>
internal sealed record GoogleSearchItem(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("displayLink")] string? DisplayLink,
    [property: JsonPropertyName("snippet")] string? Snippet);

/// <summary>Totals.</summary>
internal sealed record GoogleSearchInformation(
    [property: JsonPropertyName("totalResults")] string? TotalResults);

using System.Text.Json.Serialization;

namespace Avenir.Silo.Prospects.Sources.Apollo;

/// <summary>Apollo's answer: <c>{organizations:[…], accounts:[…], pagination:{…}}</c> (accounts are the team's saved companies).</summary>
internal sealed record ApolloSearchResponse(
    [property: JsonPropertyName("organizations")] IReadOnlyList<ApolloOrganization>? Organizations,
    [property: JsonPropertyName("accounts")] IReadOnlyList<ApolloOrganization>? Accounts,
    [property: JsonPropertyName("pagination")] ApolloPagination? Pagination);

/// <summary>The organisation fields Avenir reads.</summary>
internal sealed record ApolloOrganization(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("website_url")] string? WebsiteUrl,
    [property: JsonPropertyName("primary_domain")] string? PrimaryDomain,
    [property: JsonPropertyName("industry")] string? Industry,
    [property: JsonPropertyName("estimated_num_employees")] int? EstimatedNumEmployees,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("linkedin_url")] string? LinkedInUrl,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("short_description")] string? ShortDescription);

/// <summary>Apollo's paging block.</summary>
internal sealed record ApolloPagination(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("total_entries")] long? TotalEntries,
    [property: JsonPropertyName("total_pages")] int? TotalPages);

using System.Net.Http.Json;
using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources.Apollo;

/// <summary>
/// Apollo Organization Search (<c>POST /api/v1/mixed_companies/search</c>, <c>x-api-key</c>), paged by
/// <c>page</c>/<c>per_page</c> ≤ 100. The cursor is the next page number. A free plan's key is answered 403:
/// that is reported as <see cref="ProspectSourceFailure.Forbidden"/> with Apollo's own explanation.
/// One credit is counted per request.
/// </summary>
public sealed class ApolloOrganizationSearch(HttpClient http, IOptions<ApolloOptions> options, SourceQuotas quotas, TimeProvider time)
    : HttpProspectSource<ApolloOptions>(ProspectSources.Apollo, http, options.Value, ApolloOptions.DefaultBaseAddress, quotas, time)
{
    /// <inheritdoc />
    public override async Task<ProspectSearchPage> SearchAsync(IdealCustomerProfile profile, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var page = int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 1;
        var body = ApolloQuery.From(profile, page, pageSize);
        try
        {
            using var response = await Sender.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, "api/v1/mixed_companies/search")
                {
                    Headers = { { "x-api-key", Options.ApiKey }, { "Cache-Control", "no-cache" } },
                    Content = JsonContent.Create(body),
                },
                cancellationToken);
            SourceQuota.Charge(1);
            var answer = await response.Content.ReadFromJsonAsync<ApolloSearchResponse>(cancellationToken);
            var organizations = (answer?.Accounts ?? []).Concat(answer?.Organizations ?? []).ToList();
            var seenAt = Time.GetUtcNow();
            var records = new List<ProspectSourceRecord>(organizations.Count);
            foreach (var organization in organizations)
            {
                if (ProspectDomain.TryParse(organization.PrimaryDomain ?? organization.WebsiteUrl, out var domain))
                {
                    records.Add(ToRecord(organization, domain, seenAt));
                }
            }

            var pagination = answer?.Pagination;
            var next = pagination is { TotalPages: { } pages } && pagination.Page < pages ? (pagination.Page + 1).ToString(CultureInfo.InvariantCulture) : null;
            return new ProspectSearchPage(records, next, pagination?.TotalEntries, organizations.Count - records.Count);
        }
        catch (ProspectSourceException exception) when (exception.Failure == ProspectSourceFailure.Forbidden)
        {
            throw new ProspectSourceException(Name, ProspectSourceFailure.Forbidden,
                "apollo: Organization Search is not available to this API key (403). Apollo's free plans do not include it: "
                + $"upgrade the plan or remove Prospects:Apollo:ApiKey. {exception.Message}",
                statusCode: 403, inner: exception);
        }
        catch (JsonException exception)
        {
            throw new ProspectSourceException(Name, ProspectSourceFailure.InvalidResponse, $"{Name}: unreadable answer: {exception.Message}", inner: exception);
        }
    }

    private ProspectSourceRecord ToRecord(ApolloOrganization organization, ProspectDomain domain, DateTimeOffset seenAt) => new(
        Name,
        domain,
        seenAt,
        Name: SourceText.Clean(organization.Name),
        Website: SourceText.Clean(organization.WebsiteUrl) ?? SourceText.Clean(organization.PrimaryDomain),
        Industry: SourceText.Lower(organization.Industry),
        EmployeeCount: organization.EstimatedNumEmployees,
        City: SourceText.Clean(organization.City),
        Region: SourceText.Clean(organization.State),
        Country: SourceText.Clean(organization.Country),
        Description: SourceText.Clean(organization.ShortDescription),
        LinkedInUrl: SourceText.Clean(organization.LinkedInUrl),
        Phone: SourceText.Clean(organization.Phone),
        SourceId: SourceText.Clean(organization.Id));
}

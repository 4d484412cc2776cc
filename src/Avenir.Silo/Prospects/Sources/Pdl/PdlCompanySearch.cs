using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources.Pdl;

/// <summary>
/// People Data Labs Company Search (<c>POST /v5/company/search</c>, <c>X-Api-Key</c>): an Elasticsearch query
/// from the ICP, <c>size</c> ≤ 100 and never more than the credits left (1 credit per record), paging by
/// <c>scroll_token</c>. PDL answers 404 when nothing matches: an empty page, not an error.
/// </summary>
public sealed class PdlCompanySearch(HttpClient http, IOptions<PdlOptions> options, SourceQuotas quotas, TimeProvider time)
    : HttpProspectSource<PdlOptions>(ProspectSources.PeopleDataLabs, http, options.Value, PdlOptions.DefaultBaseAddress, quotas, time)
{
    /// <summary>PDL's largest page.</summary>
    public const int MaxPageSize = 100;

    /// <inheritdoc />
    public override Task<ProspectSearchPage> SearchAsync(IdealCustomerProfile profile, string? cursor, int pageSize, CancellationToken cancellationToken) =>
        SearchAsync(PdlQuery.From(profile), cursor, pageSize, cancellationToken);

    /// <summary>Runs an explicit Elasticsearch <paramref name="query"/> (the ICP overload builds one).</summary>
    public async Task<ProspectSearchPage> SearchAsync(JsonObject query, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Never ask for more records than there are credits to pay for.
        var size = (int)Math.Clamp(Math.Min(pageSize, SourceQuota.CreditsRemaining), 1, MaxPageSize);
        var body = new JsonObject { ["query"] = query.DeepClone(), ["size"] = size };
        if (!string.IsNullOrEmpty(cursor))
        {
            body["scroll_token"] = cursor;
        }

        using var response = await Sender.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "v5/company/search")
            {
                Headers = { { "X-Api-Key", Options.ApiKey } },
                Content = JsonContent.Create(body),
            },
            cancellationToken,
            accept: status => status == HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new ProspectSearchPage([], null, 0, 0);
        }

        PdlCompanySearchResponse? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<PdlCompanySearchResponse>(cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new ProspectSourceException(Name, ProspectSourceFailure.InvalidResponse, $"{Name}: unreadable answer: {exception.Message}", inner: exception);
        }

        var companies = answer?.Data ?? [];
        SourceQuota.Charge(companies.Count);
        var seenAt = Time.GetUtcNow();
        var records = new List<ProspectSourceRecord>(companies.Count);
        foreach (var company in companies)
        {
            if (ProspectDomain.TryParse(company.Website, out var domain))
            {
                records.Add(ToRecord(company, domain, seenAt));
            }
        }

        var next = companies.Count >= size && !string.IsNullOrEmpty(answer?.ScrollToken) ? answer.ScrollToken : null;
        return new ProspectSearchPage(records, next, answer?.Total, companies.Count - records.Count);
    }

    private ProspectSourceRecord ToRecord(PdlCompany company, ProspectDomain domain, DateTimeOffset seenAt) => new(
        Name,
        domain,
        seenAt,
        Name: SourceText.Clean(company.DisplayName) ?? SourceText.Title(company.Name),
        Website: SourceText.Clean(company.Website),
        Industry: SourceText.Lower(company.Industry),
        EmployeeCount: company.EmployeeCount,
        SizeRange: SourceText.Clean(company.Size),
        City: SourceText.Title(company.Location?.Locality),
        Region: SourceText.Title(company.Location?.Region),
        Country: SourceText.Title(company.Location?.Country),
        Description: SourceText.Clean(company.Summary) ?? SourceText.Clean(company.Headline),
        LinkedInUrl: SourceText.Clean(company.LinkedInUrl),
        SourceId: SourceText.Clean(company.Id));
}

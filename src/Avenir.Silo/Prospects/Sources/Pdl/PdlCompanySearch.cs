using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Avenir.Grains.Prospects;
using Microsoft.Extensions.Options;

namespace Avenir.Silo.Prospects.Sources.Pdl;

/// <summary>
/// People Data Labs Company Search (<c>POST /v5/company/search</c>, <c>X-Api-Key</c>): an Elasticsearch query
/// from the ICP, <c>size</c> ≤ 100 and never more than the credits left (1 credit per record), paging by
/// <c>scroll_token</c>. PDL answers 404 when nothing matches: an empty page, not an error.
/// </summary>
public sealed class PdlCompanySearch : IProspectSource
{
    /// <summary>PDL's largest page.</summary>
    public const int MaxPageSize = 100;

    private readonly HttpClient _http;
    private readonly PdlOptions _options;
    private readonly SourceQuota _quota;
    private readonly TimeProvider _time;
    private readonly SourceRequestSender _sender;

    /// <summary>Created by the HttpClient factory (typed client).</summary>
    public PdlCompanySearch(HttpClient http, IOptions<PdlOptions> options, SourceQuotas quotas, TimeProvider time)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        _http.BaseAddress ??= _options.BaseAddress ?? PdlOptions.DefaultBaseAddress;
        _quota = quotas.For(Name, _options);
        _sender = new SourceRequestSender(Name, _http, _quota, time);
    }

    /// <inheritdoc />
    public string Name => ProspectSources.PeopleDataLabs;

    /// <inheritdoc />
    public SourceQuotaUsage Quota => _quota.Usage;

    /// <inheritdoc />
    public Task<ProspectSearchPage> SearchAsync(IdealCustomerProfile profile, string? cursor, int pageSize, CancellationToken cancellationToken) =>
        SearchAsync(PdlQuery.From(profile), cursor, pageSize, cancellationToken);

    /// <summary>Runs an explicit Elasticsearch <paramref name="query"/> (the ICP overload builds one).</summary>
    public async Task<ProspectSearchPage> SearchAsync(JsonObject query, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Never ask for more records than there are credits to pay for.
        var size = (int)Math.Clamp(Math.Min(pageSize, _quota.CreditsRemaining), 1, MaxPageSize);
        var body = new JsonObject { ["query"] = query.DeepClone(), ["size"] = size };
        if (!string.IsNullOrEmpty(cursor))
        {
            body["scroll_token"] = cursor;
        }

        using var response = await _sender.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "v5/company/search")
            {
                Headers = { { "X-Api-Key", _options.ApiKey } },
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
        _quota.Charge(companies.Count);
        var seenAt = _time.GetUtcNow();
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

using System.Net.Http.Json;
using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources.Google;

/// <summary>
/// Google Programmable Search (<c>GET /customsearch/v1?key&amp;cx&amp;q&amp;start&amp;num</c>, <c>num</c> ≤ 10, at most
/// 100 results per phrase). Each result page is a candidate business: its host is the prospect, its title the name and
/// its snippet the description; directories and social networks are skipped. The cursor is
/// <c>{phrase index}:{start}</c> over <see cref="GoogleSearchQuery.From"/>'s phrases. One credit per request.
/// </summary>
public sealed class GoogleProgrammableSearch(HttpClient http, IOptions<GoogleSearchOptions> options, SourceQuotas quotas, TimeProvider time)
    : HttpProspectSource<GoogleSearchOptions>(ProspectSources.Google, http, options.Value, GoogleSearchOptions.DefaultBaseAddress, quotas, time)
{
    /// <summary>The API's largest page.</summary>
    public const int MaxPageSize = 10;

    // The API serves the first 100 results of a query: start + num must stay ≤ 101.
    private const int LastStart = 91;

    /// <inheritdoc />
    public override async Task<ProspectSearchPage> SearchAsync(IdealCustomerProfile profile, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var phrases = GoogleSearchQuery.From(profile);
        var (index, start) = ParseCursor(cursor);
        if (index >= phrases.Count)
        {
            return new ProspectSearchPage([], null, 0, 0);
        }

        var phrase = phrases[index];
        var num = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = $"customsearch/v1?key={Uri.EscapeDataString(Options.ApiKey ?? string.Empty)}&cx={Uri.EscapeDataString(Options.Cx ?? string.Empty)}" +
                    $"&q={Uri.EscapeDataString(phrase.Text)}&start={start}&num={num}&gl={Uri.EscapeDataString(Options.CountryCode)}" +
                    (phrase.Language is { } language ? $"&lr=lang_{Uri.EscapeDataString(language)}" : string.Empty);
        GoogleSearchResponse? answer;
        try
        {
            using var response = await Sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, query), cancellationToken);
            SourceQuota.Charge(1);
            answer = await response.Content.ReadFromJsonAsync<GoogleSearchResponse>(cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new ProspectSourceException(Name, ProspectSourceFailure.InvalidResponse, $"{Name}: unreadable answer: {exception.Message}", inner: exception);
        }

        var items = answer?.Items ?? [];
        var seenAt = Time.GetUtcNow();
        var records = new List<ProspectSourceRecord>();
        foreach (var item in items)
        {
            if (ProspectDomain.TryParse(item.Link, out var domain) && !IsIgnored(domain))
            {
                records.Add(new ProspectSourceRecord(
                    Name, domain, seenAt,
                    Name: TitleName(item.Title),
                    Website: SourceText.Clean(item.Link),
                    Language: phrase.Language,
                    Description: SourceText.Clean(item.Snippet)?.ReplaceLineEndings(" ")));
            }
        }

        string? next;
        if (items.Count >= num && start + num <= LastStart)
        {
            next = Cursor(index, start + num);
        }
        else
        {
            next = index + 1 < phrases.Count ? Cursor(index + 1, 1) : null;
        }

        long? total = long.TryParse(answer?.SearchInformation?.TotalResults, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
        return new ProspectSearchPage(records, next, total, items.Count - records.Count);
    }

    /// <summary>"Clinique Dentaire Lévis | Accueil" → "Clinique Dentaire Lévis": a page title's first part names the business.</summary>
    internal static string? TitleName(string? title)
    {
        var text = SourceText.Clean(title);
        if (text is null)
        {
            return null;
        }

        foreach (var separator in (string[])[" | ", " – ", " — ", " - ", " · "])
        {
            var at = text.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
            {
                text = text[..at];
            }
        }

        return text.Trim();
    }

    private bool IsIgnored(ProspectDomain domain) =>
        Options.IgnoredDomains.Any(ignored => domain.Value == ignored || domain.Value.EndsWith("." + ignored, StringComparison.Ordinal));

    private static (int Index, int Start) ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (0, 1);
        }

        var parts = cursor.Split(':');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
               && start >= 1
            ? (index, start)
            : throw new ArgumentException($"'{cursor}' is not a Google search cursor.", nameof(cursor));
    }

    private static string Cursor(int index, int start) => string.Create(CultureInfo.InvariantCulture, $"{index}:{start}");
}

namespace Avenir.Api.Admin.Prospects;

/// <summary>The prospects list's query string, validated (<see cref="TryParse"/>): filters, sort and offset paging.</summary>
public sealed record ProspectFilter
{
    public static readonly IReadOnlyList<string> Sorts = ["score", "name", "last_seen", "created"];

    public static readonly IReadOnlyList<string> KnownSources = ["csv", "pdl", "apollo", "google", "manual"];

    public string? Industry { get; init; }
    public string? Region { get; init; }
    public string? Language { get; init; }
    public int? MinScore { get; init; }
    public int? MaxScore { get; init; }
    public string? Source { get; init; }
    public bool? Contacted { get; init; }
    public bool? Tested { get; init; }
    public string Sort { get; init; } = "score";
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    public int Offset => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);

    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out ProspectFilter? filter, out string parameter, out string detail)
    {
        filter = null;
        (parameter, detail) = (string.Empty, string.Empty);
        string? Value(string name) => query[name].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        var result = new ProspectFilter
        {
            Industry = Value("industry")?.ToLowerInvariant(),
            Region = Value("region"),
            Language = Value("language"),
            Source = Value("source"),
        };

        if (result.Language is not null and not ("en" or "fr"))
        {
            (parameter, detail) = ("language", "language is en or fr.");
            return false;
        }

        if (result.Source is not null && !KnownSources.Contains(result.Source))
        {
            (parameter, detail) = ("source", $"source is one of {string.Join(", ", KnownSources)}.");
            return false;
        }

        foreach (var (name, min, max) in new[] { ("minScore", 0, 100), ("maxScore", 0, 100), ("page", 1, 1_000_000), ("pageSize", 1, 200) })
        {
            if (Value(name) is not { } text)
            {
                continue;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            {
                (parameter, detail) = (name, $"{name} is a whole number from {min} to {max}.");
                return false;
            }

            result = name switch
            {
                "minScore" => result with { MinScore = number },
                "maxScore" => result with { MaxScore = number },
                "page" => result with { Page = number },
                _ => result with { PageSize = number },
            };
        }

        foreach (var name in new[] { "contacted", "tested" })
        {
            if (Value(name) is not { } text)
            {
                continue;
            }

            if (!bool.TryParse(text, out var flag))
            {
                (parameter, detail) = (name, $"{name} is true or false.");
                return false;
            }

            result = name == "contacted" ? result with { Contacted = flag } : result with { Tested = flag };
        }

        if (Value("sort") is { } sort)
        {
            if (!Sorts.Contains(sort))
            {
                (parameter, detail) = ("sort", $"sort is one of {string.Join(", ", Sorts)}.");
                return false;
            }

            result = result with { Sort = sort };
        }

        filter = result;
        return true;
    }
}

namespace Avenir.Api.Dashboard;

/// <summary>
/// The lead list's query string, validated: an unknown value is a 400 problem naming its parameter, never
/// silently ignored. Page size is capped at <see cref="MaxPageSize"/>.
/// </summary>
public sealed record LeadFilter
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static readonly string[] Intents = [.. LeadLabels.Intents.Keys];
    public static readonly string[] Urgencies = [.. LeadLabels.Urgencies];
    public static readonly string[] Sorts = ["received", "urgency", "confidence", "name"];
    public static readonly string[] Statuses = ["active", "archived", "deleted", "converted", "all"];
    public static readonly string[] Languages = [.. LeadLanguages.All];

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    public string Sort { get; init; } = "received";
    public bool Ascending { get; init; }
    public string? Intent { get; init; }
    public string? Urgency { get; init; }
    public string? Tag { get; init; }
    public string? Language { get; init; }
    public string Status { get; init; } = "active";
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive end (a date-only <c>to</c> includes that whole day).</summary>
    public DateTimeOffset? To { get; init; }
    public string? Search { get; init; }

    /// <summary>The keyset position to continue after (<c>?cursor=</c>, from a page's <c>nextCursor</c>): the received order only.</summary>
    public LeadCursor? Cursor { get; init; }

    /// <summary>Whether anything beyond the status narrows the list (then its total is an exact count; else the grain's).</summary>
    public bool Narrowed => Intent is not null || Urgency is not null || Tag is not null || Language is not null || From is not null
        || To is not null || Search is not null;

    /// <summary>The <c>ILIKE</c> pattern of <see cref="Search"/>, with <c>%</c>, <c>_</c> and <c>\</c> escaped.</summary>
    public string? SearchPattern => Search is null
        ? null
        : "%" + Search
            .Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    public int Offset => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);

    /// <summary>The filter <paramref name="query"/> asks for, or the 400 problem naming the first bad parameter.</summary>
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out LeadFilter? filter, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        (filter, problem) = Parse(query);
        return filter is not null;
    }

    private static (LeadFilter? Filter, ProblemHttpResult? Problem) Parse(IQueryCollection query)
    {
        var filter = new LeadFilter();
        string? Value(string name) => query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;
        ProblemHttpResult Bad(string name, string detail) => DashboardProblems.Invalid("invalid_parameter", name, detail);

        if (Value("page") is { } page)
        {
            if (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return (null, Bad("page", $"page must be a whole number ≥ 1, not '{DashboardCallerFilter.Truncate(page)}'."));
            }

            filter = filter with { Page = number };
        }

        if (Value("pageSize") is { } size)
        {
            if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return (null, Bad("pageSize", $"pageSize must be a whole number ≥ 1, not '{DashboardCallerFilter.Truncate(size)}'."));
            }

            filter = filter with { PageSize = (int)Math.Min(number, MaxPageSize) };
        }

        if (Value("sort") is { } sort)
        {
            if (Pick(sort, Sorts) is not { } known)
            {
                return (null, Bad("sort", $"Unknown sort '{DashboardCallerFilter.Truncate(sort)}': use {string.Join(", ", Sorts)}."));
            }

            filter = filter with { Sort = known };
        }

        if (Value("dir") is { } dir)
        {
            if (Pick(dir, ["asc", "desc"]) is not { } known)
            {
                return (null, Bad("dir", $"Unknown dir '{DashboardCallerFilter.Truncate(dir)}': use asc or desc."));
            }

            filter = filter with { Ascending = known == "asc" };
        }

        foreach (var (name, allowed) in new[] { ("intent", Intents), ("urgency", Urgencies), ("language", Languages), ("status", Statuses) })
        {
            if (Value(name) is not { } raw)
            {
                continue;
            }

            if (Pick(raw, allowed) is not { } known)
            {
                return (null, Bad(name, $"Unknown {name} '{DashboardCallerFilter.Truncate(raw)}': use {string.Join(", ", allowed)}."));
            }

            filter = name switch
            {
                "intent" => filter with { Intent = known },
                "urgency" => filter with { Urgency = known },
                "language" => filter with { Language = known },
                _ => filter with { Status = known },
            };
        }

        if (Value("tag") is { } tag)
        {
            if (tag.Length > 50)
            {
                return (null, Bad("tag", "tag has at most 50 characters."));
            }

            filter = filter with { Tag = tag };
        }

        foreach (var name in new[] { "from", "to" })
        {
            if (Value(name) is not { } raw)
            {
                continue;
            }

            if (ParseInstant(raw, endOfDay: name == "to") is not { } instant)
            {
                return (null, Bad(name, $"'{DashboardCallerFilter.Truncate(raw)}' is not a date (yyyy-MM-dd) or an ISO 8601 date-time."));
            }

            filter = name == "from" ? filter with { From = instant } : filter with { To = instant };
        }

        if (filter.From is { } from && filter.To is { } to && from >= to)
        {
            return (null, Bad("from", "from must be before to."));
        }

        if (Value("q") is { } q)
        {
            if (q.Length > 200)
            {
                return (null, Bad("q", "q has at most 200 characters."));
            }

            filter = filter with { Search = q };
        }

        if (Value("cursor") is { } cursor)
        {
            ProblemHttpResult BadCursor(string detail) => DashboardProblems.Invalid("invalid_cursor", "cursor", detail);
            if (LeadCursor.Parse(cursor) is not { } position)
            {
                return (null, BadCursor("cursor is not one this API gave (take nextCursor from a page)."));
            }

            if (filter.Sort != "received")
            {
                return (null, BadCursor("A cursor pages the received order only; other orders page with page."));
            }

            if (filter.Page != 1)
            {
                return (null, BadCursor("Give cursor or page, not both."));
            }

            filter = filter with { Cursor = position };
        }

        return (filter, null);
    }

    private static string? Pick(string value, string[] allowed) =>
        allowed.FirstOrDefault(known => string.Equals(known, value, StringComparison.OrdinalIgnoreCase));

    /// <summary>A date means its start (UTC), or for the end of a range the start of the next day; a date-time without offset is UTC.</summary>
    private static DateTimeOffset? ParseInstant(string value, bool endOfDay)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }
}

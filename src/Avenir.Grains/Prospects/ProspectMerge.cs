namespace Avenir.Grains.Prospects;

/// <summary>
/// Folds source records of one domain into a <see cref="ProspectProfile"/> instead of rejecting the second
/// source as a duplicate. The result depends only on the set of records, never on the order they arrived in:
/// <list type="bullet">
/// <item>the latest record of each (source, source id) replaces that source's earlier one;</item>
/// <item>facts that identify the company (name, website, industry, size, location, language, LinkedIn, phone,
/// e-mail, contact) come from the most trusted source that has them (<see cref="ProspectSources.Rank"/>: the
/// agency's CSV, then PDL, Apollo, Google), the newer record first within one source;</item>
/// <item>the description is the longest one (the richest text; a search snippet loses to a real description);</item>
/// <item>sources are the union, first seen the earliest and last seen the latest sighting of any record.</item>
/// </list>
/// </summary>
public static class ProspectMerge
{
    /// <summary>Adds <paramref name="record"/> to <paramref name="existing"/> (null for a new prospect).</summary>
    /// <exception cref="ArgumentException">The record is of another domain.</exception>
    public static ProspectProfile Merge(ProspectProfile? existing, ProspectSourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (existing is not null && existing.Domain != record.Domain)
        {
            throw new ArgumentException($"A record of {record.Domain} cannot merge into the prospect {existing.Domain}.", nameof(record));
        }

        var records = existing?.Records.ToList() ?? [];
        var same = records.FindIndex(r => IsSameSourceEntry(r, record));
        if (same >= 0)
        {
            // The newer sighting wins; an older one arriving late changes nothing but the first-seen time.
            if (records[same].SeenAt <= record.SeenAt)
            {
                records[same] = record;
            }
        }
        else
        {
            records.Add(record);
        }

        var firstSeen = existing is null ? record.SeenAt : Min(existing.FirstSeenAt, record.SeenAt);
        var lastSeen = existing is null ? record.SeenAt : Max(existing.LastSeenAt, record.SeenAt);
        return Build(record.Domain, records, firstSeen, lastSeen);
    }

    /// <summary>Groups records by domain and merges each group: one profile per prospect, in domain order.</summary>
    public static IReadOnlyList<ProspectProfile> MergeAll(IEnumerable<ProspectSourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .GroupBy(record => record.Domain)
            .OrderBy(group => group.Key.Value, StringComparer.Ordinal)
            .Select(group => group.Aggregate((ProspectProfile?)null, Merge)!)
            .ToList();
    }

    private static ProspectProfile Build(ProspectDomain domain, List<ProspectSourceRecord> records, DateTimeOffset firstSeen, DateTimeOffset lastSeen)
    {
        // Most trusted source first, newest first within a source, then a stable tie-break on the source id.
        var ordered = records
            .OrderBy(r => ProspectSources.Rank(r.Source))
            .ThenBy(r => r.Source, StringComparer.Ordinal)
            .ThenByDescending(r => r.SeenAt)
            .ThenBy(r => r.SourceId ?? string.Empty, StringComparer.Ordinal)
            .ToList();

        string? First(Func<ProspectSourceRecord, string?> field) =>
            ordered.Select(field).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

        var description = ordered
            .Select(r => r.Description?.Trim())
            .Where(text => !string.IsNullOrEmpty(text))
            .OrderByDescending(text => text!.Length)
            .ThenBy(text => text, StringComparer.Ordinal)
            .FirstOrDefault();

        return new ProspectProfile(
            domain,
            ordered.Select(r => r.Source).Distinct(StringComparer.Ordinal).ToList(),
            firstSeen,
            lastSeen,
            First(r => r.Name),
            First(r => r.Website),
            First(r => r.Industry),
            ordered.Select(r => r.EmployeeCount).FirstOrDefault(count => count is not null),
            First(r => r.SizeRange),
            First(r => r.City),
            First(r => r.Region),
            First(r => r.Country),
            First(r => r.Language),
            description,
            First(r => r.LinkedInUrl),
            First(r => r.Phone),
            First(r => r.Email),
            First(r => r.ContactName),
            ordered);
    }

    private static bool IsSameSourceEntry(ProspectSourceRecord a, ProspectSourceRecord b) =>
        string.Equals(a.Source, b.Source, StringComparison.Ordinal)
        && string.Equals(a.SourceId ?? string.Empty, b.SourceId ?? string.Empty, StringComparison.Ordinal);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}

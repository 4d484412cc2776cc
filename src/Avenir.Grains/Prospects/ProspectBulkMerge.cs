using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>One company's rows of an import: its domain and every record the file has of it.</summary>
public sealed record ProspectImportGroup(ProspectDomain Domain, IReadOnlyList<ProspectSourceRecord> Records);

/// <summary>What a batch did: each written or unchanged domain's outcome, and the domains it left to their grains.</summary>
public sealed record ProspectBulkResult(IReadOnlyDictionary<string, ProspectMergeOutcome> Outcomes, IReadOnlyList<ProspectImportGroup> Conflicts);

/// <summary>
/// The set-based half of a CSV import (decision 0012, "import speed"): a batch of domains whose grains are not active is
/// merged in memory with the same rules as <see cref="ProspectGrain"/> (<see cref="ProspectState"/>, <see cref="ProspectMerge"/>)
/// and written in one transaction of four statements instead of one grain call and two transactions per company.
/// A row is only written at the version read, so a row some grain wrote meanwhile is not overwritten: it comes back in
/// <see cref="ProspectBulkResult.Conflicts"/> for its grain to merge. Nothing of a batch is visible before its commit.
/// </summary>
public static class ProspectBulkMerge
{
    public static async Task<ProspectBulkResult> MergeAsync(
        TenantDatabase database, IReadOnlyList<ProspectImportGroup> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ProspectMergeOutcome>(StringComparer.Ordinal);
        var byWebsite = batch.ToDictionary(g => ProspectState.Website(g.Domain), StringComparer.Ordinal);

        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var existing = (await ProspectBulkRows.FindAsync(transaction, [.. byWebsite.Keys], cancellationToken))
            .ToDictionary(r => r.Website, StringComparer.Ordinal);

        var merged = new List<(ProspectImportGroup Group, ProspectProfile Profile, ProspectFormTestSignal? FormTest, ProspectBulkRow? Row)>(batch.Count);
        foreach (var (website, group) in byWebsite)
        {
            existing.TryGetValue(website, out var row);
            var (before, formTest) = row is null ? (null, null) : ProspectState.Load(group.Domain, row.Profile);
            var after = group.Records.Aggregate(before, ProspectMerge.Merge);
            if (after is null || (before is not null && ProspectState.SameFacts(before, after)))
            {
                outcomes[group.Domain.Value] = ProspectMergeOutcome.Unchanged;
                continue;
            }

            merged.Add((group, after, formTest, row));
        }

        var industries = merged.Select(m => m.Profile.Industry).OfType<string>().Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var priorities = (await ProspectBulkRows.PrioritiesAsync(transaction, industries, cancellationToken))
            .ToDictionary(p => p.Industry, p => p.PriorityScore, StringComparer.Ordinal);

        var inserts = new List<ProspectRowValues>();
        var updates = new List<(ProspectRowValues Row, long Version)>();
        var uncompared = false;
        foreach (var (_, profile, formTest, read) in merged)
        {
            decimal? priority = profile.Industry is { } industry && priorities.TryGetValue(industry, out var found) ? found : null;
            var row = ProspectState.Row(profile.Domain, profile, formTest, ProspectState.Assess(profile, formTest, priority, read?.Similarity), now);
            uncompared |= row.DescriptionHash is not null && row.DescriptionHash != read?.Similarity?.DescriptionHash;
            if (read is not null)
            {
                updates.Add((row, read.Version));
            }
            else
            {
                inserts.Add(row);
            }
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        if (inserts.Count > 0)
        {
            written.UnionWith((await ProspectBulkRows.InsertAsync(transaction, inserts, now, cancellationToken)).Select(w => w.Website));
        }

        var updated = new HashSet<string>(StringComparer.Ordinal);
        if (updates.Count > 0)
        {
            updated.UnionWith((await ProspectBulkRows.UpdateAsync(transaction, updates, now, cancellationToken)).Select(w => w.Website));
        }

        if (uncompared && written.Count + updated.Count > 0)
        {
            // New descriptions: the similarity job compares them in the background (an import never waits for the encoder).
            await ProspectJobRows.EnqueueSimilarityAsync(transaction, now);
        }

        await transaction.CommitAsync(cancellationToken);

        var conflicts = new List<ProspectImportGroup>();
        foreach (var (group, _, _, read) in merged)
        {
            var version = read?.Version;
            var website = ProspectState.Website(group.Domain);
            if (version is null ? written.Contains(website) : updated.Contains(website))
            {
                outcomes[group.Domain.Value] = version is null ? ProspectMergeOutcome.Created : ProspectMergeOutcome.Merged;
            }
            else
            {
                conflicts.Add(group);
            }
        }

        return new ProspectBulkResult(outcomes, conflicts);
    }
}

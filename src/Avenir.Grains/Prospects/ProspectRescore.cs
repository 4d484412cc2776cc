using System.Text.Json;
using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>What a rescore did: rows read, rows whose score or explanation changed and were written, rows left to their grain.</summary>
public sealed record ProspectRescoreReport(string? Industry, int Read, int Rescored, int Conflicts);

/// <summary>One row read and its score recomputed.</summary>
public sealed record ProspectRescored(ProspectDomain Domain, ProspectScoreRow Row, AutomationNeedAssessment Assessment, ProspectScoreWrite Write)
{
    /// <summary>Whether the score or its explanation differ from the row's.</summary>
    public bool Changed =>
        Row.AutomationNeedScore != Assessment.Score
        || !Write.Explanation.SequenceEqual(Row.ScoreExplanation.Deserialize<List<ProspectScorePart>>(Sql.Json) ?? [])
        || Row.DescriptionHash != Write.DescriptionHash;
}

/// <summary>
/// Set-based rescoring (decision 0012, addendum "rescoring"): pages of <c>prospect_candidates</c> rows are read, scored in
/// memory with the grain's own rule (<see cref="ProspectState.Assess"/>) and the changed ones written in one
/// version-checked statement per page, as the set-based import writes (<see cref="ProspectBulkMerge"/>): a row some
/// grain wrote meanwhile is not overwritten but rescored by its grain, and active grains re-read their rows afterwards.
/// Used by the <c>prospect_rescore</c> job (an industry's priority moved; an admin asked) and the <c>prospect_similarity</c> job.
/// </summary>
public static class ProspectRescore
{
    /// <summary>Rows per transaction: a few MB of profiles read, one statement written.</summary>
    public const int PageSize = 2000;

    /// <summary>Rescores every prospect of <paramref name="industry"/> (null: every prospect).</summary>
    public static async Task<ProspectRescoreReport> RescoreAsync(
        TenantDatabase database, IGrainFactory grains, string? industry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (read, rescored) = (0, 0);
        var written = new List<string>();
        var conflicts = new List<string>();
        for (var after = Guid.Empty; ;)
        {
            await using var transaction = await database.BeginForSystemAsync(cancellationToken);
            var rows = await ProspectRescoreRows.PageAsync(transaction, after, industry, PageSize, cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            after = rows[^1].Id;
            read += rows.Count;
            var changed = (await AssessAsync(transaction, rows, row => row.Similarity, cancellationToken)).Where(r => r.Changed).ToList();
            var (done, stale) = await WriteAsync(transaction, changed, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            rescored += done.Count;
            written.AddRange(done);
            conflicts.AddRange(stale);
        }

        // A row some writer changed since it was read: its grain rescores it from the row as it is now.
        await ForEachAsync(conflicts, domain => grains.GetGrain<IProspectGrain>(domain).RescoreAsync());
        await RefreshActiveAsync(grains, written);
        return new ProspectRescoreReport(industry, read, rescored, conflicts.Count);
    }

    /// <summary>
    /// Each row's score from its stored profile, its industry's priority (read once per page) and the similarity
    /// <paramref name="similarityOf"/> gives it (the stored one, or the one just computed).
    /// </summary>
    public static async Task<IReadOnlyList<ProspectRescored>> AssessAsync(
        TenantTransaction transaction, IReadOnlyList<ProspectScoreRow> rows, Func<ProspectScoreRow, ProspectSimilarity?> similarityOf,
        CancellationToken cancellationToken)
    {
        var loaded = rows.Select(row =>
        {
            var domain = ProspectDomain.Parse(row.Website);
            var (profile, formTest) = ProspectState.Load(domain, row.Profile);
            return (Row: row, Domain: domain, Profile: profile, FormTest: formTest);
        }).ToList();
        var industries = loaded.Select(l => l.Profile?.Industry).OfType<string>().Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var priorities = (await ProspectBulkRows.PrioritiesAsync(transaction, industries, cancellationToken))
            .ToDictionary(p => p.Industry, p => p.PriorityScore, StringComparer.Ordinal);

        return
        [
            .. loaded.Select(l =>
            {
                decimal? priority = l.Profile?.Industry is { } industry && priorities.TryGetValue(industry, out var found) ? found : null;
                var similarity = similarityOf(l.Row);
                var assessment = ProspectState.Assess(l.Profile, l.FormTest, priority, similarity);
                var write = new ProspectScoreWrite(l.Row.Id, l.Row.Version, assessment.Score, ProspectState.Explanation(assessment),
                    ProspectSimilarity.HashOf(l.Profile?.Description), similarity);
                return new ProspectRescored(l.Domain, l.Row, assessment, write);
            }),
        ];
    }

    /// <summary>Writes the rows at their version read; returns the domains written and those changed meanwhile.</summary>
    public static async Task<(IReadOnlyList<string> Written, IReadOnlyList<string> Conflicts)> WriteAsync(
        TenantTransaction transaction, IReadOnlyList<ProspectRescored> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return ([], []);
        }

        var ids = (await ProspectRescoreRows.WriteAsync(transaction, [.. rows.Select(r => r.Write)], now, cancellationToken)).ToHashSet();
        return ([.. rows.Where(r => ids.Contains(r.Row.Id)).Select(r => r.Domain.Value)],
            [.. rows.Where(r => !ids.Contains(r.Row.Id)).Select(r => r.Domain.Value)]);
    }

    /// <summary>The grains of <paramref name="domains"/> that are active hold the row they read before: they re-read it.</summary>
    public static async Task RefreshActiveAsync(IGrainFactory grains, IReadOnlyCollection<string> domains)
    {
        if (domains.Count == 0)
        {
            return;
        }

        var type = grains.GetGrain<IProspectGrain>("example.com").GetGrainId().Type;
        var active = (await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type)).Select(id => id.Key.ToString()!).ToHashSet(StringComparer.Ordinal);
        await ForEachAsync([.. domains.Where(active.Contains)], domain => grains.GetGrain<IProspectGrain>(domain).RefreshAsync());
    }

    private static async Task ForEachAsync(IReadOnlyList<string> domains, Func<string, Task> call)
    {
        using var gate = new SemaphoreSlim(ProspectImportGrain.Parallelism);
        await Task.WhenAll(domains.Select(async domain =>
        {
            await gate.WaitAsync();
            try
            {
                await call(domain);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}

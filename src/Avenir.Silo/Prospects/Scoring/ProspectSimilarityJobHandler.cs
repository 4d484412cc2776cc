using Avenir.Grains.Prospects;
using Avenir.Silo.Intelligence.Profile;
using Avenir.Silo.Jobs;

namespace Avenir.Silo.Prospects.Scoring;

/// <summary>The <c>prospect_similarity</c> job's result: descriptions compared, scores that moved, rows left for a later run.</summary>
public sealed record ProspectSimilarityReport(string Model, int Compared, int Rescored, int Conflicts, bool More);

/// <summary>
/// <c>prospect_similarity</c>: embeds the descriptions not compared yet (new, changed — their hash moved — or compared by
/// another model) in batches of <see cref="BatchSize"/>, stores each one's best cosine with the agency profile and rescores
/// the row in the same version-checked write (<see cref="ProspectRescore"/>), then refreshes the active grains. The
/// encoder runs between transactions, never inside one. At most <see cref="MaxPerRun"/> descriptions per run (~10 ms
/// each), then the job reschedules itself (no attempt spent). A row changed meanwhile stays due; its writer enqueued
/// the next job. Idempotent: a rerun finds nothing due.
/// </summary>
public sealed class ProspectSimilarityJobHandler(
    TenantDatabase database, IProfileSimilarity profile, IGrainFactory grains, TimeProvider time) : IJobHandler
{
    public const int BatchSize = 64;
    public const int MaxPerRun = 6400;

    /// <summary>How long to wait for the start-up initializer to write the profile's vectors.</summary>
    public static readonly TimeSpan ProfileWait = TimeSpan.FromMinutes(1);

    public string JobType => ProspectJobTypes.Similarity;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var (compared, rescored, conflicts) = (0, 0, 0);
        var written = new List<string>();
        var after = Guid.Empty;
        var more = false;
        while (true)
        {
            IReadOnlyList<ProspectScoreRow> rows;
            await using (var read = await database.BeginForSystemAsync(cancellationToken))
            {
                rows = await ProspectRescoreRows.DueForSimilarityAsync(read, after, profile.Model, BatchSize, cancellationToken);
            }

            if (rows.Count == 0)
            {
                break;
            }

            if (compared >= MaxPerRun)
            {
                more = true;
                break;
            }

            var described = rows.Select(r => (Row: r, Description: Description(r))).Where(d => d.Description is not null).ToList();
            if (await profile.BestSimilaritiesAsync([.. described.Select(d => d.Description!)], cancellationToken) is not { } cosines)
            {
                return JobResult.Reschedule(ProfileWait, "the agency profile is not embedded yet");
            }

            var similarities = described.Select((d, i) => (d.Row.Id, Similarity: new ProspectSimilarity(
                Math.Clamp(cosines[i], -1, 1), profile.Model, ProspectSimilarity.HashOf(d.Description)!))).ToDictionary(x => x.Id, x => x.Similarity);
            await using (var write = await database.BeginForSystemAsync(cancellationToken))
            {
                var assessed = await ProspectRescore.AssessAsync(write, rows, r => similarities.GetValueOrDefault(r.Id), cancellationToken);
                var (done, stale) = await ProspectRescore.WriteAsync(write, assessed, time.GetUtcNow(), cancellationToken);
                await write.CommitAsync(cancellationToken);
                written.AddRange(done);
                conflicts += stale.Count;
                rescored += assessed.Count(a => a.Row.AutomationNeedScore != a.Assessment.Score && done.Contains(a.Domain.Value));
            }

            after = rows[^1].Id;
            compared += rows.Count;
            await job.ReportProgressAsync(0, $"{compared} descriptions compared", cancellationToken);
        }

        await ProspectRescore.RefreshActiveAsync(grains, written);
        var report = new ProspectSimilarityReport(profile.Model, compared, rescored, conflicts, more);
        return more ? JobResult.Reschedule(TimeSpan.Zero, $"{compared} compared, more due") : JobResult.Completed(report);
    }

    /// <summary>The merged profile's description (null: none, or the row's stored hash was of a description merging drops).</summary>
    private static string? Description(ProspectScoreRow row) =>
        ProspectState.Load(ProspectDomain.Parse(row.Website), row.Profile).Profile?.Description;
}

using Avenir.Silo.Jobs;

namespace Avenir.Silo.Learning;

/// <summary>
/// <c>feedback_learning</c> (hourly): settles predictions against their outcomes and keeps per-model accuracy per
/// field per UTC day in <c>performance_metrics</c> (docs/learning-loop.md).
/// </summary>
/// <remarks>
/// 1. Unprocessed predictions, page by page (<see cref="LearningOptions.BatchSize"/>): each is judged against its
///    lead's feedback (<see cref="PredictionVerdict"/>); a settled one is marked <c>learning_applied</c> with
///    <c>processed_at</c> and <c>learning_impact</c> (share of fields corrected); an unsettled one waits.
/// 2. Unprocessed outcome rows (corrections, conversions, replies, tags…): marked applied once the prediction they
///    follow is settled (or when there is none); a correction made after its prediction was settled still counts.
/// 3. For every (model, day) touched, accuracy is recomputed from all that day's settled predictions; each field's
///    row (one per model, field and day) is replaced only when its figures changed — so running the job again
///    writes nothing.
/// </remarks>
public sealed class FeedbackLearningJobHandler(
    TenantDatabase database,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<FeedbackLearningJobHandler> logger) : IJobHandler
{
    public const string Type = "feedback_learning";

    public string JobType => Type;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var result = await RunAsync(cancellationToken);
        logger.LogInformation(
            "Feedback learning: {Settled} prediction(s) settled, {Waiting} waiting, {Outcomes} outcome(s) applied, {Rows} accuracy row(s) written",
            result.PredictionsSettled, result.PredictionsWaiting, result.OutcomesApplied, result.AccuracyRowsWritten);
        return JobResult.Completed(result);
    }

    /// <summary>One pass of the three steps.</summary>
    public async Task<FeedbackLearningResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var touched = new HashSet<(string Model, DateOnly Day)>();
        var (settled, waiting) = await SettlePredictionsAsync(settings, now, touched, cancellationToken);
        var outcomes = await ApplyOutcomesAsync(settings, now, touched, cancellationToken);
        var written = 0;
        foreach (var (model, day) in touched.OrderBy(t => t.Day).ThenBy(t => t.Model, StringComparer.Ordinal))
        {
            written += await RecomputeAccuracyAsync(model, day, settings, now, cancellationToken);
        }

        return new FeedbackLearningResult(settled, waiting, outcomes, written);
    }

    private async Task<(int Settled, int Waiting)> SettlePredictionsAsync(
        LearningOptions settings, DateTimeOffset now, HashSet<(string, DateOnly)> touched, CancellationToken cancellationToken)
    {
        var (settled, waiting) = (0, 0);
        var (afterAt, afterId) = (DateTimeOffset.UnixEpoch, Guid.Empty);
        while (true)
        {
            await using var transaction = await database.BeginForSystemAsync(cancellationToken);
            var page = await FeedbackLearningRows.UnprocessedPredictionsAsync(transaction, afterAt, afterId, settings.BatchSize, cancellationToken);
            if (page.Count == 0)
            {
                return (settled, waiting);
            }

            var histories = await FeedbackLearningRows.LeadHistoriesAsync(transaction, page, cancellationToken);
            var applied = new List<(Guid, double)>();
            foreach (var prediction in page)
            {
                var verdict = PredictionVerdict.Judge(prediction, prediction.LeadId is { } lead ? histories[lead] : [], now, settings);
                if (!verdict.Settled)
                {
                    waiting++;
                    continue;
                }

                applied.Add((prediction.Id, verdict.Impact));
                if (verdict.Counted && prediction.ModelName is { } model)
                {
                    touched.Add((model, DayOf(prediction.CreatedAt)));
                }
            }

            settled += await FeedbackLearningRows.MarkAppliedAsync(transaction, applied, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            (afterAt, afterId) = (page[^1].CreatedAt, page[^1].Id);
        }
    }

    private async Task<int> ApplyOutcomesAsync(
        LearningOptions settings, DateTimeOffset now, HashSet<(string, DateOnly)> touched, CancellationToken cancellationToken)
    {
        var appliedCount = 0;
        var (afterAt, afterId) = (DateTimeOffset.UnixEpoch, Guid.Empty);
        while (true)
        {
            await using var transaction = await database.BeginForSystemAsync(cancellationToken);
            var page = await FeedbackLearningRows.UnprocessedOutcomesAsync(transaction, afterAt, afterId, settings.BatchSize, cancellationToken);
            if (page.Count == 0)
            {
                return appliedCount;
            }

            var histories = await FeedbackLearningRows.LeadHistoriesAsync(transaction, page, cancellationToken);
            var applied = new List<(Guid, double)>();
            foreach (var outcome in page)
            {
                // The prediction the outcome is about: the lead's latest one made before it.
                var target = outcome.LeadId is { } lead
                    ? histories[lead]
                        .Where(r => r.IsPrediction && r.CreatedAt <= outcome.CreatedAt)
                        .OrderBy(r => r, Comparer<FeedbackRow>.Create(FeedbackRow.Chronologically))
                        .LastOrDefault()
                    : null;
                if (target is { LearningApplied: false })
                {
                    continue; // judged with its prediction, once that is settled
                }

                var impact = outcome.IsCorrection ? (double)outcome.CorrectedFields.Count / PredictionVerdict.Fields.Count : 0;
                applied.Add((outcome.Id, impact));
                if (target is { ModelName: { } model } && outcome.IsCorrection)
                {
                    touched.Add((model, DayOf(target.CreatedAt)));
                }
            }

            appliedCount += await FeedbackLearningRows.MarkAppliedAsync(transaction, applied, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            (afterAt, afterId) = (page[^1].CreatedAt, page[^1].Id);
        }
    }

    /// <summary>Recomputes (model, day) from its settled predictions; writes a row per field whose figures changed.</summary>
    private async Task<int> RecomputeAccuracyAsync(
        string model, DateOnly day, LearningOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var predictions = await FeedbackLearningRows.AppliedPredictionsAsync(transaction, model, day, cancellationToken);
        var histories = await FeedbackLearningRows.LeadHistoriesAsync(transaction, predictions, cancellationToken);
        var counted = 0;
        var corrected = PredictionVerdict.Fields.ToDictionary(f => f, _ => 0);
        foreach (var prediction in predictions)
        {
            var verdict = PredictionVerdict.Judge(prediction, prediction.LeadId is { } lead ? histories[lead] : [], now, settings);
            if (!verdict.Counted)
            {
                continue;
            }

            counted++;
            foreach (var field in verdict.CorrectedFields)
            {
                corrected[field]++;
            }
        }

        if (counted == 0)
        {
            return 0;
        }

        var latest = await FeedbackLearningRows.LatestAccuracyAsync(transaction, model, day, cancellationToken);
        var written = 0;
        foreach (var field in PredictionVerdict.Fields)
        {
            if (latest.TryGetValue(field, out var previous) && previous == (counted, corrected[field]))
            {
                continue;
            }

            await FeedbackLearningRows.DeleteAccuracyAsync(transaction, model, field, day, cancellationToken);
            await FeedbackLearningRows.InsertAccuracyAsync(transaction, model, field, day, counted, corrected[field], now, cancellationToken);
            written++;
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}

/// <summary>What one learning pass did (the job's result).</summary>
public sealed record FeedbackLearningResult(int PredictionsSettled, int PredictionsWaiting, int OutcomesApplied, int AccuracyRowsWritten);

namespace Avenir.Silo.Learning;

/// <summary>
/// How one prediction is judged against what happened to its lead (docs/learning-loop.md):
/// a correction made while it was the lead's current prediction marks the corrected fields wrong and the others
/// right; without one, it counts as confirmed once it was superseded by a re-analysis, once a positive outcome is
/// <see cref="LearningOptions.SignalGrace"/> old, or once it is <see cref="LearningOptions.ConfirmationWindow"/> old.
/// Until then it is not settled and waits. A prediction whose lead was erased is settled but not counted.
/// </summary>
public sealed record PredictionVerdict(bool Settled, bool Counted, IReadOnlySet<string> CorrectedFields)
{
    /// <summary>The fields accuracy is computed for.</summary>
    public static readonly IReadOnlyList<string> Fields = ["intent", "urgency", "tone"];

    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>Share of the fields corrected, 0–1: the prediction row's <c>learning_impact</c>.</summary>
    public double Impact => Counted ? (double)CorrectedFields.Count / Fields.Count : 0;

    /// <param name="prediction">The prediction row.</param>
    /// <param name="leadHistory">Every feedback row of the prediction's lead, in any order.</param>
    public static PredictionVerdict Judge(FeedbackRow prediction, IEnumerable<FeedbackRow> leadHistory, DateTimeOffset now, LearningOptions options)
    {
        if (prediction.LeadId is null)
        {
            return new PredictionVerdict(Settled: true, Counted: false, None);
        }

        var rows = leadHistory.Where(r => r.LeadId == prediction.LeadId && r.Id != prediction.Id).ToList();
        rows.Sort(FeedbackRow.Chronologically);
        var supersededAt = rows.FirstOrDefault(r => r.IsPrediction && FeedbackRow.Chronologically(r, prediction) > 0)?.CreatedAt;
        bool WhileCurrent(FeedbackRow r) => r.CreatedAt >= prediction.CreatedAt && (supersededAt is null || r.CreatedAt < supersededAt);

        var corrected = new HashSet<string>(rows.Where(r => r.IsCorrection && WhileCurrent(r)).SelectMany(r => r.CorrectedFields));
        var hasCorrection = rows.Any(r => r.IsCorrection && WhileCurrent(r));
        var firstSignal = rows.FirstOrDefault(r => r.IsPositiveSignal && WhileCurrent(r))?.CreatedAt;
        var settled = hasCorrection
            || supersededAt is not null
            || (firstSignal is { } signal && signal <= now - options.SignalGrace)
            || prediction.CreatedAt <= now - options.ConfirmationWindow;
        return new PredictionVerdict(settled, Counted: true, corrected);
    }
}

using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>One setting compared by <c>train --tune</c>: options and which authored examples it trains on.</summary>
internal sealed record TuningCandidate(string Name, TrainingOptions Options, Func<TrainingExample, bool> UsesAuthored);

/// <summary>
/// The shipped settings and the alternatives <c>train --tune</c> compares with them on the same folds.
/// The first candidate is the reference every other one is compared with.
/// </summary>
internal static class TuningCandidates
{
    /// <summary>The settings of model 1.0 (decision 0003, first round).</summary>
    public static TrainingOptions Previous { get; } = new()
    {
        // Word n-grams weigh 1.5x the other blocks; intent leans on the text (cue weights heavily
        // penalised: they made it over-trust form signals), urgency and tone use the cues freely.
        Features = new FeatureSettings { WordWeight = 1.5f },
        MinimumLeadsPerFeature = 2,
        Intent = new SoftmaxTrainingOptions { L2 = 3e-4, CueL2Factor = 30 },
        Urgency = new SoftmaxTrainingOptions { L2 = 1e-3 },
        Tone = new SoftmaxTrainingOptions { L2 = 1e-3, CueL2Factor = 0.3 },
    };

    /// <summary>
    /// The settings the shipped model (1.1) is trained with: model 1.0's, plus style tokens that only tone reads, and
    /// tone classes of authored examples re-weighted to the dev leads' mix (candidate D).
    /// </summary>
    public static TrainingOptions Chosen { get; } = StyleForTone(Previous) with
    {
        Tone = StyleForTone(Previous).Tone with { MatchDevPrior = true },
    };

    private static bool AllAuthored(TrainingExample example) => true;

    private static bool FirstRoundAuthored(TrainingExample example) => example.Lead.Id?.StartsWith("auth-", StringComparison.Ordinal) == true;

    public static IEnumerable<TuningCandidate> All()
    {
        var p = Previous;
        var styleForTone = StyleForTone(p);
        yield return new("A: model 1.0 settings, first-round data", p, FirstRoundAuthored);
        yield return new("B: model 1.0 settings, all authored data", p, AllAuthored);
        yield return new("C: B + style tokens for tone only", styleForTone, AllAuthored);
        yield return new(
            "D: C + tone classes re-weighted to the dev mix", styleForTone with { Tone = styleForTone.Tone with { MatchDevPrior = true } }, AllAuthored);
    }

    /// <summary>Style tokens in the features, used by tone only (a heavy penalty keeps intent and urgency off them).</summary>
    private static TrainingOptions StyleForTone(TrainingOptions options) => options with
    {
        Features = options.Features with { StyleWeight = 0.5f },
        Intent = options.Intent with { StyleL2Factor = 100 },
        Urgency = options.Urgency with { StyleL2Factor = 100 },
    };
}

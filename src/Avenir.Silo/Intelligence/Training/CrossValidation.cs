using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// Stratified k-fold cross-validation over the annotated dev leads; authored examples are always in
/// training and never scored. Repeating it with other fold seeds averages out the luck of one split.
/// </summary>
internal static class CrossValidation
{
    public static OutOfSamplePredictions Run(
        IReadOnlyList<TrainingExample> validated, IReadOnlyList<TrainingExample> alwaysTrained, TrainingOptions options, int folds, int seed,
        ISentenceEmbedder embedder)
    {
        var fold = StratifiedSplits.Folds(validated, folds, seed);
        var predictions = new OutOfSamplePredictions(validated);
        for (var f = 0; f < folds; f++)
        {
            var training = alwaysTrained.Concat(validated.Where((_, i) => fold[i] != f)).ToList();
            var model = ModelTrainer.Train(training, options, embedder.Name, embedder.Dimension);
            predictions.Add(model, Enumerable.Range(0, validated.Count).Where(i => fold[i] == f), f);
        }

        return predictions;
    }

    /// <summary><paramref name="repeats"/> passes with seeds <paramref name="seed"/>, seed + 1, ….</summary>
    public static IReadOnlyList<OutOfSamplePredictions> Repeated(
        IReadOnlyList<TrainingExample> validated, IReadOnlyList<TrainingExample> alwaysTrained, TrainingOptions options, int folds, int seed, int repeats,
        ISentenceEmbedder embedder) =>
        Enumerable.Range(0, repeats).Select(r => Run(validated, alwaysTrained, options, folds, seed + r, embedder)).ToList();
}

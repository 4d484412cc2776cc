using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>
/// Honest estimates of the tone classifier: k-fold cross-validation (stratified by tone and language, seeded) where
/// every email is classified by a model that never saw it, rules included.
/// </summary>
internal static class ToneCrossValidation
{
    /// <summary>The out-of-fold tone of each of <paramref name="emails"/>; <paramref name="extraTraining"/> joins every fold's training set.</summary>
    public static string[] Predict(
        IReadOnlyList<AutoresponderEmail> emails, IReadOnlyList<AutoresponderEmail> extraTraining, ISentenceEmbedder embedder, int folds, int seed,
        ToneModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fold = Folds(emails, folds, seed);
        var predicted = new string[emails.Count];
        for (var k = 0; k < folds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = extraTraining.Concat(emails.Where((_, i) => fold[i] != k)).ToList();
            var classifier = new AutoresponderToneClassifier(() => embedder, training, options);
            for (var i = 0; i < emails.Count; i++)
            {
                if (fold[i] == k)
                {
                    predicted[i] = classifier.Classify(emails[i]).Tone;
                }
            }
        }

        return predicted;
    }

    /// <summary>Fold of each email: every tone/language group is shuffled (seeded) and dealt round the folds.</summary>
    public static int[] Folds(IReadOnlyList<AutoresponderEmail> emails, int folds, int seed)
    {
        var fold = new int[emails.Count];
        var random = new Random(seed);
        var offset = 0;
        foreach (var group in Enumerable.Range(0, emails.Count)
                     .GroupBy(i => (emails[i].Tone ?? "?") + "/" + (emails[i].Submitted?.Language ?? "?"))
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToList();
            for (var i = members.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            for (var i = 0; i < members.Count; i++)
            {
                fold[members[i]] = (offset + i) % folds;
            }

            offset += members.Count;
        }

        return fold;
    }
}

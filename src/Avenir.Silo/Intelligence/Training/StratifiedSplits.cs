namespace Avenir.Silo.Intelligence.Training;

/// <summary>
/// Seeded, stratified assignment of leads to folds or to a hold-out set, stratified by
/// intent and language so every split has a bit of every class in both languages.
/// </summary>
internal static class StratifiedSplits
{
    /// <summary>Fold number (0..folds-1) of each example.</summary>
    public static int[] Folds(IReadOnlyList<TrainingExample> examples, int folds, int seed)
    {
        var fold = new int[examples.Count];
        var random = new Random(seed);
        var offset = 0;
        foreach (var group in Groups(examples))
        {
            var members = group.ToList();
            Shuffle(members, random);
            for (var i = 0; i < members.Count; i++)
            {
                fold[members[i]] = (offset + i) % folds;
            }

            // Rotating the start keeps small groups from always filling fold 0 first.
            offset += members.Count;
        }

        return fold;
    }

    /// <summary>True for the examples that go to the hold-out set (about <paramref name="fraction"/> of each group).</summary>
    public static bool[] HoldOut(IReadOnlyList<TrainingExample> examples, double fraction, int seed)
    {
        var heldOut = new bool[examples.Count];
        var random = new Random(seed);
        var carry = 0.0;
        foreach (var group in Groups(examples))
        {
            var members = group.ToList();
            Shuffle(members, random);
            // Carrying the rounding remainder keeps the overall fraction close to the target.
            var exact = members.Count * fraction + carry;
            var take = (int)Math.Floor(exact);
            carry = exact - take;
            foreach (var index in members.Take(take))
            {
                heldOut[index] = true;
            }
        }

        return heldOut;
    }

    private static IEnumerable<IGrouping<string, int>> Groups(IReadOnlyList<TrainingExample> examples) =>
        Enumerable.Range(0, examples.Count)
            .GroupBy(i => examples[i].Intent + "/" + examples[i].Lead.Language)
            .OrderBy(group => group.Key, StringComparer.Ordinal);

    private static void Shuffle(List<int> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

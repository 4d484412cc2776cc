namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// The hashed n-gram buckets the model knows (seen in at least two training leads), each mapped to
/// a weight row. Storing only these keeps the model file small and ignores one-off n-grams.
/// </summary>
internal sealed class FeatureVocabulary
{
    private readonly Dictionary<int, int> _rowOfBucket;

    public FeatureVocabulary(int[] buckets)
    {
        Buckets = buckets;
        _rowOfBucket = new Dictionary<int, int>(buckets.Length);
        for (var row = 0; row < buckets.Length; row++)
        {
            _rowOfBucket[buckets[row]] = row;
        }
    }

    /// <summary>Bucket of each row, ascending.</summary>
    public int[] Buckets { get; }

    public int Count => Buckets.Length;

    public bool TryGetRow(int bucket, out int row) => _rowOfBucket.TryGetValue(bucket, out row);

    /// <summary>Builds the vocabulary from the buckets of training leads, keeping those seen in at least <paramref name="minimumLeads"/> leads.</summary>
    public static FeatureVocabulary Build(IEnumerable<IReadOnlyDictionary<int, float>> bucketsPerLead, int minimumLeads)
    {
        var leadCount = new Dictionary<int, int>();
        foreach (var lead in bucketsPerLead)
        {
            foreach (var bucket in lead.Keys)
            {
                leadCount[bucket] = leadCount.GetValueOrDefault(bucket) + 1;
            }
        }

        var kept = leadCount.Where(pair => pair.Value >= minimumLeads).Select(pair => pair.Key).ToArray();
        Array.Sort(kept);
        return new FeatureVocabulary(kept);
    }
}

namespace Avenir.Grains.Growth;

/// <summary>The tone weights of the growth brain's sentiment score (docs/growth-brain.md).</summary>
public static class SentimentWeights
{
    /// <summary>
    /// Points (0–100) a tone gives the professional-signal sentiment score: how much the tone signals a
    /// serious, well-disposed prospect. Frustration is the one negative signal.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> ByTone = new Dictionary<string, int>
    {
        ["Professional"] = 100,
        ["Formal"] = 90,
        ["Enthusiastic"] = 85,
        ["Friendly"] = 80,
        ["Casual"] = 60,
        ["Frustrated"] = 0,
    };
}

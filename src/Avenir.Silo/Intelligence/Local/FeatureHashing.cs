namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Stable 32-bit FNV-1a hashing of feature names into buckets. string.GetHashCode is randomised
/// per process, so it cannot be used for weights that are saved to a file.
/// </summary>
internal static class FeatureHashing
{
    public const int BucketBits = 20;
    public const int BucketMask = (1 << BucketBits) - 1;

    public static int Bucket(ReadOnlySpan<char> prefix, ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in prefix)
        {
            hash = (hash ^ c) * 16777619u;
        }

        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & BucketMask);
    }
}

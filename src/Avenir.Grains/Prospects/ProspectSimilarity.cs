using System.Security.Cryptography;
using System.Text;

namespace Avenir.Grains.Prospects;

/// <summary>
/// A prospect's stored profile similarity (V75): the best cosine between its description and the agency profile's chunks,
/// the embedding model, and the hash of the description it was computed for. The <c>prospect_similarity</c> job writes
/// it; the score uses it only while the row's description still has that hash.
/// </summary>
public sealed record ProspectSimilarity(double Cosine, string Model, string DescriptionHash)
{
    /// <summary>The stored columns as one value (null when the row was never compared).</summary>
    public static ProspectSimilarity? From(double? cosine, string? model, string? descriptionHash) =>
        cosine is { } value && model is not null && descriptionHash is not null ? new ProspectSimilarity(value, model, descriptionHash) : null;

    /// <summary>SHA-256 (lower-case hex) of the merged description, null when there is none: what the job compares against.</summary>
    public static string? HashOf(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description.Trim())));
}

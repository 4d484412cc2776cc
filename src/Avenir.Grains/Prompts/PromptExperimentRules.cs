using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Avenir.Grains.Prompts;

/// <summary>The rules of docs/prompt-experiments.md that are not statistics: success and assignment.</summary>
public static class PromptExperimentRules
{
    /// <summary>
    /// An execution succeeds when it has no error and its quality is at least this. The executor's quality is the
    /// share of valid fields (1 for a fully valid answer), so 0.8 means "usable, at most one field wrong".
    /// </summary>
    public const double SuccessQualityThreshold = 0.8;

    public static bool IsSuccess(PromptExperimentResult result) => !result.Failed && result.Quality >= SuccessQualityThreshold;

    /// <summary>
    /// The arm for one execution. With a subject key the point in [0, 1) is derived from SHA-256(test id, key), so a
    /// lead keeps its arm for the whole test and tests split independently of each other; without one it is random.
    /// </summary>
    public static PromptArm Assign(Guid testId, decimal controlTrafficPercentage, string? subjectKey)
    {
        var point = subjectKey is null ? Random.Shared.NextDouble() : Bucket(testId, subjectKey);
        return point * 100 < (double)controlTrafficPercentage ? PromptArm.Control : PromptArm.Treatment;
    }

    /// <summary>A uniform point in [0, 1) from the top 53 bits of the hash (a double's mantissa).</summary>
    public static double Bucket(Guid testId, string subjectKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{testId:N}:{subjectKey}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}

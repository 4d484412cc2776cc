namespace Avenir.Grains.Prompts;

/// <summary>
/// The running test's counts, kept by Orleans (ADO.NET grain storage): the results are summed per arm, so each
/// recorded execution costs O(1) and the grain never re-reads prompt_performance.
/// </summary>
[GenerateSerializer, Alias("Avenir.Grains.Prompts.PromptExperimentState")]
public sealed class PromptExperimentState
{
    /// <summary>The test these counts belong to; other tests' results are ignored.</summary>
    [Id(0)] public Guid? TestId { get; set; }
    [Id(1)] public ArmTally Control { get; set; } = new();
    [Id(2)] public ArmTally Treatment { get; set; } = new();

    public ArmTally Of(PromptArm arm) => arm == PromptArm.Control ? Control : Treatment;

    public void Reset(Guid? testId)
    {
        TestId = testId;
        Control = new();
        Treatment = new();
    }
}

/// <summary>Sufficient statistics of one arm: counts, and the sum and sum of squares of the quality scores.</summary>
[GenerateSerializer, Alias("Avenir.Grains.Prompts.ArmTally")]
public sealed class ArmTally
{
    [Id(0)] public long Samples { get; set; }
    [Id(1)] public long Successes { get; set; }
    [Id(2)] public double QualitySum { get; set; }
    [Id(3)] public double QualitySumOfSquares { get; set; }

    public void Add(bool success, double quality)
    {
        Samples++;
        Successes += success ? 1 : 0;
        QualitySum += quality;
        QualitySumOfSquares += quality * quality;
    }

    public double Rate => Samples == 0 ? 0 : (double)Successes / Samples;

    public double MeanQuality => Samples == 0 ? 0 : QualitySum / Samples;

    /// <summary>Sample variance (n − 1) from the sums; clamped at 0 against rounding.</summary>
    public double QualityVariance => Samples < 2
        ? 0
        : Math.Max(0, (QualitySumOfSquares - QualitySum * QualitySum / Samples) / (Samples - 1));

    public PromptArmMetrics Metrics() => new(Samples, Successes, Rate, MeanQuality, Math.Sqrt(QualityVariance));
}

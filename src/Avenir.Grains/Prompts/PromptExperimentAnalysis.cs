using Avenir.Grains.Prompts.Statistics;

namespace Avenir.Grains.Prompts;

/// <summary>The statistics of a test's counts: the z-test on success rates decides, Welch's t-test on quality is reported.</summary>
public sealed record PromptExperimentAnalysis(ZTestResult? RateTest, WelchTTestResult? QualityTest)
{
    public static PromptExperimentAnalysis Of(ArmTally control, ArmTally treatment) => new(
        control.Samples > 0 && treatment.Samples > 0
            ? TwoProportionZTest.Run(treatment.Successes, treatment.Samples, control.Successes, control.Samples)
            : null,
        control.Samples > 1 && treatment.Samples > 1
            ? WelchTTest.Run(treatment.MeanQuality, treatment.QualityVariance, treatment.Samples, control.MeanQuality, control.QualityVariance, control.Samples)
            : null);

    /// <summary>
    /// The fixed-horizon decision, taken once both arms reached the minimum sample size: the better arm wins when the
    /// z-test's p-value is below the significance level; otherwise there is no winner.
    /// </summary>
    public static PromptArm? Winner(ArmTally control, ArmTally treatment, ZTestResult rateTest, decimal significanceLevel) =>
        rateTest.PValue < (double)significanceLevel && treatment.Rate != control.Rate
            ? treatment.Rate > control.Rate ? PromptArm.Treatment : PromptArm.Control
            : null;
}

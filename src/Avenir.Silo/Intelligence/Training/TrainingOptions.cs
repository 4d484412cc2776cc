using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>Feature settings and per-task optimiser settings of one training configuration.</summary>
internal sealed record TrainingOptions
{
    public FeatureSettings Features { get; init; } = new();

    /// <summary>An n-gram bucket enters the vocabulary when at least this many training leads contain it.</summary>
    public int MinimumLeadsPerFeature { get; init; } = 2;

    /// <summary>Loss weight of an annotated dev lead relative to an authored example (1 = the same).</summary>
    public double DevWeight { get; init; } = 1.0;

    public SoftmaxTrainingOptions Intent { get; init; } = new();

    public SoftmaxTrainingOptions Urgency { get; init; } = new();

    public SoftmaxTrainingOptions Tone { get; init; } = new();

    public string Describe() => $"features={Features} minLeads={MinimumLeadsPerFeature} devWeight={DevWeight} intent={Intent} urgency={Urgency} tone={Tone}";
}

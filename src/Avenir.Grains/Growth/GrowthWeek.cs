namespace Avenir.Grains.Growth;

/// <summary>One UTC ISO week's figures inside a <see cref="GrowthAccumulator"/>.</summary>
[GenerateSerializer, Alias("Avenir.Grains.Growth.GrowthWeek")]
public sealed class GrowthWeek
{
    /// <summary>Monday 00:00 UTC.</summary>
    [Id(0)] public DateTime WeekStart { get; set; }

    [Id(1)] public long Leads { get; set; }

    [Id(2)] public long HighUrgency { get; set; }

    [Id(3)] public decimal ConfidenceSum { get; set; }

    [Id(4)] public long ConfidenceCount { get; set; }

    public GrowthWeek Copy() => (GrowthWeek)MemberwiseClone();
}

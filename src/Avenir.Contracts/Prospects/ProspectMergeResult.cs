namespace Avenir.Contracts.Prospects;

/// <summary>What a merge did to a prospect.</summary>
[GenerateSerializer, Alias("Avenir.Contracts.Prospects.ProspectMergeOutcome")]
public enum ProspectMergeOutcome
{
    /// <summary>The prospect did not exist: its row was created.</summary>
    Created = 0,

    /// <summary>The prospect existed and the records changed what is known of it.</summary>
    Merged = 1,

    /// <summary>The records told nothing new (the same source said the same thing): nothing was written.</summary>
    Unchanged = 2,
}

/// <summary>The outcome of <see cref="IProspectGrain.MergeAsync"/>, with the prospect's id and score after it.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectMergeResult")]
public sealed record ProspectMergeResult(
    [property: Id(0)] ProspectMergeOutcome Outcome,
    [property: Id(1)] Guid ProspectId,
    [property: Id(2)] int Score);

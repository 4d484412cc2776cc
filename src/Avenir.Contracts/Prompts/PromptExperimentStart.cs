namespace Avenir.Contracts.Prompts;

/// <summary>What <see cref="IPromptExperimentGrain.StartAsync"/> did.</summary>
[GenerateSerializer, Alias("Avenir.Grains.Prompts.PromptExperimentStart")]
public enum PromptExperimentStart
{
    Started = 0,

    /// <summary>No test with that id for this prompt.</summary>
    NotFound = 1,

    /// <summary>The test is not a draft (running, completed or cancelled).</summary>
    NotDraft = 2,

    /// <summary>Another test of the same prompt is running (one at a time, so the split is unambiguous).</summary>
    AnotherTestRunning = 3,
}

namespace Avenir.Contracts.Prompts;

/// <summary>The two arms of a prompt A/B test.</summary>
[GenerateSerializer, Alias("Avenir.Grains.Prompts.PromptArm")]
public enum PromptArm
{
    Control = 0,
    Treatment = 1,
}

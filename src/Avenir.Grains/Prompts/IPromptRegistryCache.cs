namespace Avenir.Grains.Prompts;

/// <summary>
/// A process-local cache of <c>prompt_registry</c> (the silo's prompt registry) that the experiment grain clears
/// after promoting a winner, so this silo selects the winner at once. Other silos notice the ended test within
/// seconds (their running-test check) and clear theirs.
/// </summary>
public interface IPromptRegistryCache
{
    /// <summary>Forgets the cached rows (after an edit of the registry).</summary>
    void Invalidate();
}

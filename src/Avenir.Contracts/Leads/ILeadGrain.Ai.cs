namespace Avenir.Contracts.Leads;

// What the AI features record on the lead's activity.
public partial interface ILeadGrain
{
    /// <summary>
    /// Writes a <c>lead_actions</c> row <c>ai_fallback</c> (performed by <c>system</c>): an AI-written text of
    /// <paramref name="feature"/> (<see cref="AiFallbackFeatures"/>) was refused by its guardrails or failed; the reason
    /// (e.g. "a link that is not the client's") and what answered instead (e.g. <c>template:auto_reply_friendly/fr</c>).
    /// Returns false when this client has no such lead.
    /// </summary>
    [Alias("RecordAiFallback")]
    Task<bool> RecordAiFallbackAsync(AiFallback fallback);
}

/// <summary>One refused or failed AI-written text (see <see cref="ILeadGrain.RecordAiFallbackAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Leads.AiFallback")]
public sealed record class AiFallback
{
    /// <summary><see cref="AiFallbackFeatures"/>.</summary>
    [Id(0)] public required string Feature { get; init; }

    /// <summary>Why, in words (each guardrail violation, or the failure).</summary>
    [Id(1)] public required string Reason { get; init; }

    /// <summary>The stable codes of the violations (<c>foreign_link</c>, <c>price</c>…), empty for a failure.</summary>
    [Id(2)] public IReadOnlyList<string> Violations { get; init; } = [];

    /// <summary>What answered instead, e.g. <c>template:auto_reply_friendly/fr</c> or <c>extractive</c>.</summary>
    [Id(3)] public required string AnsweredBy { get; init; }

    /// <summary>The prompt variant that was refused, when one ran (A/B tests count it in prompt_performance too).</summary>
    [Id(4)] public string? PromptVariant { get; init; }
}

/// <summary>The features whose AI-written text can fall back (<see cref="AiFallback.Feature"/>).</summary>
public static class AiFallbackFeatures
{
    public const string AutoReply = "auto_reply";
    public const string Summary = "summary";
}

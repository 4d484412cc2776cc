namespace Avenir.Contracts.Leads;

/// <summary>
/// <c>lead_memory.language</c> (the CHECK constraint of V53): a lead is handled in English or French, or marked
/// <see cref="Other"/> with the detected ISO 639-1 code beside it (<c>detected_language</c>), never silently English.
/// </summary>
public static class LeadLanguages
{
    public const string English = "en";
    public const string French = "fr";

    /// <summary>Neither English nor French (Spanish, German, Chinese…): <c>detected_language</c> says which.</summary>
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [English, French, Other];

    /// <summary>The languages replies, prompts and the dashboard are written in.</summary>
    public static readonly IReadOnlyList<string> Handled = [English, French];

    /// <summary>The other dashboard language: en → fr, fr → en; null for any other value.</summary>
    public static string? Counterpart(string? language) => language switch
    {
        English => French,
        French => English,
        _ => null,
    };
}

/// <summary><c>lead_memory.ai_summary_source</c> (V53).</summary>
public static class LeadSummarySources
{
    /// <summary>Written by the LLM (the <c>lead_summary</c> prompt) and validated against the message.</summary>
    public const string Llm = "llm";

    /// <summary>The message's own most informative sentence(s) (the local model; the LLM's fallback).</summary>
    public const string Extractive = "extractive";
}

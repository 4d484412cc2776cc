namespace Avenir.Grains.Prospects;

/// <summary>The tone of what a prospect's contact form answered (<c>prospect_form_tests.autoresponder_tone</c>).</summary>
public static class AutoresponderTones
{
    /// <summary>A template sent by software: no name, no reference to the question, often no-reply or a ticket number.</summary>
    public const string Robotic = "robotic";

    /// <summary>Written (or clearly signed) by a person, but generic: it does not engage with the question.</summary>
    public const string Human = "human";

    /// <summary>Addresses this inquiry: the sender's name and the question itself, often with a concrete next step.</summary>
    public const string Personalized = "personalized";

    /// <summary>No answer to the inquiry (nothing arrived, or what arrived is not an answer: a bounce, a newsletter).</summary>
    public const string None = "none";

    /// <summary>All four, in the order reports show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Robotic, Human, Personalized, None];
}

/// <summary>How a form test ended (<c>prospect_form_tests.status</c>).</summary>
public static class FormTestStatuses
{
    /// <summary>The inquiry was submitted and an answer arrived.</summary>
    public const string Completed = "completed";

    /// <summary>The test could not run (no form, CAPTCHA, robots.txt, HTTP error…): see its reason.</summary>
    public const string Failed = "failed";

    /// <summary>The inquiry was submitted and nothing answered before the timeout.</summary>
    public const string Timeout = "timeout";
}

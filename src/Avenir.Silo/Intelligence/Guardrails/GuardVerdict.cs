namespace Avenir.Silo.Intelligence.Guardrails;

/// <summary>One broken rule of an AI-written text: a stable code and what was found.</summary>
public sealed record GuardViolation(string Code, string Detail)
{
    public override string ToString() => $"{Code}: {Detail}";
}

/// <summary>What the guardrails found in an AI-written text, checked after it was generated.</summary>
/// <param name="Text">The text as it would be used (trimmed, line ends normalised).</param>
public sealed record GuardVerdict(string Text, IReadOnlyList<GuardViolation> Violations)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>Every violation, for the lead's activity and the prompt's execution log.</summary>
    public string Reason => string.Join("; ", Violations);

    public IReadOnlyList<string> Codes => [.. Violations.Select(v => v.Code).Distinct(StringComparer.Ordinal)];
}

/// <summary>The stable codes of <see cref="GuardViolation"/>.</summary>
public static class GuardCodes
{
    public const string Empty = "empty";
    public const string TooLong = "too_long";
    public const string Markup = "markup";
    public const string ForeignLink = "foreign_link";
    public const string ForeignEmail = "foreign_email";
    public const string Number = "number";
    public const string Price = "price";
    public const string Date = "date";
    public const string Promise = "promise";
    public const string Quote = "quote";
    public const string Injection = "injection";
    public const string WrongLanguage = "wrong_language";
    public const string InventedFact = "invented_fact";
}

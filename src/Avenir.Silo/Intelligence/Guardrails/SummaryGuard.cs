namespace Avenir.Silo.Intelligence.Guardrails;

/// <summary>
/// Checks an LLM-written lead summary after generation (decision 0015): one line of at most
/// <see cref="MaxCharacters"/> characters, plain text, no link at all, and no invented facts — every number, e-mail address and
/// name-like word (a capitalised word that does not start a sentence) must occur in the lead's message, name or
/// company. Deliberately strict: a refused summary costs only the extractive one.
/// </summary>
public static class SummaryGuard
{
    public const int MaxCharacters = 200;

    /// <summary>Capitalised words a summary may use without the message having them (pronoun, the sender's role).</summary>
    private static readonly HashSet<string> CommonCapitalised = new(StringComparer.Ordinal) { "i" };

    public static GuardVerdict Check(string? summary, string message, string? name = null, string? company = null)
    {
        var text = string.Join(' ', GuardText.Normalise(summary ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Trim('"', '“', '”', '«', '»', ' ');
        if (text.Length == 0)
        {
            return new GuardVerdict(text, [new GuardViolation(GuardCodes.Empty, "no text")]);
        }

        var violations = new List<GuardViolation>();
        if (text.Length > MaxCharacters)
        {
            violations.Add(new GuardViolation(GuardCodes.TooLong, $"{text.Length} characters"));
        }

        if (GuardText.HasMarkup(text) || text.StartsWith('{') || text.StartsWith('['))
        {
            violations.Add(new GuardViolation(GuardCodes.Markup, "markup or JSON"));
        }

        Add(violations, GuardCodes.Injection, GuardText.InjectionMarkers(text));
        var facts = string.Join('\n', message, name, company);
        var factNumbers = GuardText.Numbers(facts).ToHashSet(StringComparer.Ordinal);
        Add(violations, GuardCodes.InventedFact, GuardText.Numbers(text).Where(n => !factNumbers.Contains(n)).Select(n => "number " + n));
        // No link at all, even one the message has: the summary is read by the client in the dashboard, and a link a
        // lead planted there ("summarise this as: visit https://…") would reach them with the product's authority.
        Add(violations, GuardCodes.ForeignLink, GuardText.Links(text).Select(link => "link " + link));
        Add(violations, GuardCodes.InventedFact, GuardText.Emails(text)
            .Where(email => !facts.Contains(email, StringComparison.OrdinalIgnoreCase)).Select(email => "address " + email));

        var factWords = GuardText.Words(facts).ToHashSet(StringComparer.Ordinal);
        Add(violations, GuardCodes.InventedFact, NameLikeWords(text)
            .Where(word => !IsKnown(word, factWords)).Select(word => "name " + word));
        return new GuardVerdict(text, violations);
    }

    /// <summary>Capitalised words that do not start a sentence (names, places, brands, months in English).</summary>
    private static IEnumerable<string> NameLikeWords(string text)
    {
        var sentenceStart = true;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = token.Trim('(', ')', '"', '“', '”', '«', '»', ',', ';', ':', '.', '!', '?', '\'', '’');
            if (word.Length > 1 && char.IsUpper(word[0]) && !sentenceStart)
            {
                yield return word;
            }

            sentenceStart = token.EndsWith('.') || token.EndsWith('!') || token.EndsWith('?') || token.EndsWith(':');
        }
    }

    /// <summary>The word (folded), its parts ("Saint-Jean", "O'Neil's") or its stem without a possessive or plural occur in the facts.</summary>
    private static bool IsKnown(string word, HashSet<string> factWords)
    {
        var parts = GuardText.Words(word);
        return parts.Count == 0 || parts.All(part => CommonCapitalised.Contains(part) || factWords.Contains(part)
            || (part.EndsWith('s') && factWords.Contains(part[..^1])) || part.Length == 1);
    }

    private static void Add(List<GuardViolation> violations, string code, IEnumerable<string> found)
    {
        foreach (var value in found.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            violations.Add(new GuardViolation(code, value));
        }
    }
}

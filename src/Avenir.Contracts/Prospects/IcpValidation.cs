namespace Avenir.Contracts.Prospects;

/// <summary>
/// What an ICP must be to be searched (the API answers these as a 400 problem's <c>errors</c>, the grain refuses them):
/// at least one industry or keyword and one language (en, fr), sizes 1–1,000,000 in order, bounded lists of short
/// terms. <see cref="Normalise"/> gives the stored form the sources' queries expect (lower case, trimmed, unique).
/// </summary>
public static class IcpValidation
{
    public const int MaxTerms = 50;
    public const int MaxTermLength = 100;
    public const int MaxEmployees = 1_000_000;

    private static readonly string[] KnownLanguages = ["en", "fr"];

    public static Dictionary<string, string[]> Validate(IcpDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Terms(errors, "industries", definition.Industries);
        Terms(errors, "keywords", definition.Keywords);
        if ((definition.Industries?.Count ?? 0) == 0 && (definition.Keywords?.Count ?? 0) == 0)
        {
            errors["industries"] = ["Give at least one industry or keyword: discovery searches for them."];
        }

        var languages = definition.Languages ?? [];
        if (languages.Count == 0 || languages.Any(l => !KnownLanguages.Contains(l?.Trim().ToLowerInvariant())))
        {
            errors["languages"] = ["Give one or more of 'en' and 'fr'."];
        }

        var regions = definition.Regions ?? [];
        if (regions.Count > MaxTerms)
        {
            errors["regions"] = [$"At most {MaxTerms} regions."];
        }
        else if (regions.Any(r => r is null || string.IsNullOrWhiteSpace(r.Country)
                     || new[] { r.Country, r.Region, r.City }.Any(t => t?.Trim().Length > MaxTermLength)))
        {
            errors["regions"] = [$"Each region needs a country (e.g. 'canada'); names of at most {MaxTermLength} characters."];
        }

        if (definition.MinEmployees is < 1 or > MaxEmployees)
        {
            errors["minEmployees"] = [$"Between 1 and {MaxEmployees:N0}, or null."];
        }

        if (definition.MaxEmployees is < 1 or > MaxEmployees)
        {
            errors["maxEmployees"] = [$"Between 1 and {MaxEmployees:N0}, or null."];
        }
        else if (definition is { MinEmployees: { } min, MaxEmployees: { } max } && min > max)
        {
            errors["maxEmployees"] = ["Not smaller than minEmployees."];
        }

        return errors;
    }

    public static IcpDefinition Normalise(IcpDefinition definition) => definition with
    {
        Industries = Unique(definition.Industries),
        Keywords = Unique(definition.Keywords),
        Languages = Unique(definition.Languages),
        Regions = [.. (definition.Regions ?? []).Select(r => new IcpPlace(Clean(r.Country)!, Clean(r.Region), Clean(r.City))).Distinct()],
    };

    private static void Terms(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? terms)
    {
        if (terms is null)
        {
            return;
        }

        if (terms.Count > MaxTerms)
        {
            errors[field] = [$"At most {MaxTerms} terms."];
        }
        else if (terms.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > MaxTermLength))
        {
            errors[field] = [$"Each term is 1 to {MaxTermLength} characters."];
        }
    }

    private static string? Clean(string? term) => string.IsNullOrWhiteSpace(term) ? null : term.Trim().ToLowerInvariant();

    private static string[] Unique(IReadOnlyList<string>? terms) =>
        [.. (terms ?? []).Select(Clean).OfType<string>().Distinct(StringComparer.Ordinal)];
}

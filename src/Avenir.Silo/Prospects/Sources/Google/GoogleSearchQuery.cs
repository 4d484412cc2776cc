using Avenir.Grains.Prospects;

namespace Avenir.Silo.Prospects.Sources.Google;

/// <summary>One search phrase and the language of results it asks for.</summary>
/// <param name="Text">The <c>q</c> parameter.</param>
/// <param name="Language">The <c>lr</c> language (<c>en</c>, <c>fr</c>) or null.</param>
public sealed record GoogleSearchPhrase(string Text, string? Language);

/// <summary>
/// Turns an <see cref="IdealCustomerProfile"/> into web searches: one per industry (or keyword) × place × language,
/// e.g. <c>dentiste Lévis</c> with French results. French phrases use the French name of common industries.
/// </summary>
public static class GoogleSearchQuery
{
    private static readonly Dictionary<string, string> FrenchIndustry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dental"] = "dentiste",
        ["dentist"] = "dentiste",
        ["law practice"] = "cabinet d'avocats",
        ["legal services"] = "avocat",
        ["construction"] = "entrepreneur construction",
        ["roofing"] = "couvreur",
        ["plumbing"] = "plombier",
        ["real estate"] = "courtier immobilier",
        ["accounting"] = "comptable",
        ["restaurants"] = "restaurant",
        ["veterinary"] = "clinique vétérinaire",
        ["health, wellness and fitness"] = "centre de santé",
        ["medical practice"] = "clinique médicale",
    };

    /// <summary>The phrases, in a stable order.</summary>
    public static IReadOnlyList<GoogleSearchPhrase> From(IdealCustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var subjects = profile.Industries.Concat(profile.KeywordList)
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var places = profile.Regions
            .Select(r => r.City ?? r.Region ?? r.Country)
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var languages = profile.Languages.Count == 0
            ? [(string?)null]
            : profile.Languages.Select(l => (string?)l.Trim().ToLowerInvariant()).Distinct().ToList();
        if (places.Count == 0)
        {
            places.Add(string.Empty);
        }

        var phrases = new List<GoogleSearchPhrase>();
        foreach (var language in languages)
        {
            foreach (var subject in subjects)
            {
                var words = language == "fr" && FrenchIndustry.TryGetValue(subject, out var french) ? french : subject;
                foreach (var place in places)
                {
                    phrases.Add(new GoogleSearchPhrase($"{words} {place}".Trim(), language));
                }
            }
        }

        return phrases;
    }
}

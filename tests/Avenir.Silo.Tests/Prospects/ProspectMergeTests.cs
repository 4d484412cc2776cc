using Avenir.Grains.Prospects;

namespace Avenir.Silo.Tests.Prospects;

public sealed class ProspectMergeTests
{
    private static readonly DateTimeOffset Monday = TestClock.DefaultOrigin;

    private static ProspectSourceRecord Pdl(DateTimeOffset seen) => new(
        ProspectSources.PeopleDataLabs, ProspectDomain.Parse("cafe-levis.ca"), seen,
        Name: "Café Lévis", Website: "cafe-levis.ca", Industry: "food & beverages", EmployeeCount: 7, SizeRange: "1-10",
        City: "Lévis", Region: "Quebec", Country: "Canada", Description: "Café de quartier.", LinkedInUrl: "linkedin.com/company/cafe-levis",
        SourceId: "pdl-1");

    private static ProspectSourceRecord Apollo(DateTimeOffset seen) => new(
        ProspectSources.Apollo, ProspectDomain.Parse("https://www.cafe-levis.ca/"), seen,
        Name: "Cafe Levis Inc", Website: "http://www.cafe-levis.ca", Industry: "restaurants", EmployeeCount: 12,
        City: "Levis", Region: "Quebec", Country: "Canada", Phone: "+1 418-555-0100",
        Description: "Café de quartier à Lévis : torréfaction artisanale, pâtisseries maison et traiteur pour entreprises.", SourceId: "ap-9");

    private static ProspectSourceRecord Csv(DateTimeOffset seen) => new(
        ProspectSources.Csv, ProspectDomain.Parse("HTTPS://WWW.CAFE-LEVIS.CA/contact"), seen,
        Name: "Café Lévis (Vieux-Lévis)", Website: "https://www.cafe-levis.ca/contact", Email: "bonjour@cafe-levis.ca", ContactName: "Marie Roy",
        Language: "fr");

    [Fact]
    public void The_same_company_from_pdl_apollo_and_csv_becomes_one_prospect_with_every_source()
    {
        var profiles = ProspectMerge.MergeAll([Pdl(Monday.AddDays(1)), Apollo(Monday), Csv(Monday.AddDays(3))]);

        var profile = Assert.Single(profiles);
        Assert.Equal("cafe-levis.ca", profile.Domain.Value);
        Assert.Equal([ProspectSources.Csv, ProspectSources.PeopleDataLabs, ProspectSources.Apollo], profile.Sources);
        Assert.Equal(Monday, profile.FirstSeenAt);
        Assert.Equal(Monday.AddDays(3), profile.LastSeenAt);
        // Identity facts from the most trusted source that has them: the agency's CSV, then PDL, then Apollo.
        Assert.Equal("Café Lévis (Vieux-Lévis)", profile.Name);
        Assert.Equal("food & beverages", profile.Industry);
        Assert.Equal(7, profile.EmployeeCount);
        Assert.Equal("+1 418-555-0100", profile.Phone);
        Assert.Equal("bonjour@cafe-levis.ca", profile.Email);
        Assert.Equal("fr", profile.Language);
        // The richest description is the longest.
        Assert.StartsWith("Café de quartier à Lévis", profile.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_records_arrive_in()
    {
        ProspectSourceRecord[] records = [Pdl(Monday), Apollo(Monday.AddHours(2)), Csv(Monday.AddDays(1))];
        var expected = ProspectMerge.MergeAll(records).Single();
        foreach (var order in Permutations(records))
        {
            var merged = order.Aggregate((ProspectProfile?)null, ProspectMerge.Merge)!;
            Assert.Equal(expected.Name, merged.Name);
            Assert.Equal(expected.EmployeeCount, merged.EmployeeCount);
            Assert.Equal(expected.Description, merged.Description);
            Assert.Equal(expected.Sources, merged.Sources);
            Assert.Equal(expected.FirstSeenAt, merged.FirstSeenAt);
            Assert.Equal(expected.LastSeenAt, merged.LastSeenAt);
        }
    }

    [Fact]
    public void A_newer_record_of_the_same_source_entry_replaces_the_older_one_and_an_older_one_changes_only_first_seen()
    {
        var first = ProspectMerge.Merge(null, Pdl(Monday) with { EmployeeCount = 5 });
        var newer = ProspectMerge.Merge(first, Pdl(Monday.AddDays(7)) with { EmployeeCount = 9 });
        var late = ProspectMerge.Merge(newer, Pdl(Monday.AddDays(-2)) with { EmployeeCount = 1 });

        Assert.Equal(9, newer.EmployeeCount);
        Assert.Single(newer.Records);
        Assert.Equal(9, late.EmployeeCount);
        Assert.Equal(Monday.AddDays(-2), late.FirstSeenAt);
        Assert.Equal(Monday.AddDays(7), late.LastSeenAt);
    }

    [Fact]
    public void A_record_of_another_domain_is_refused_and_blank_fields_never_win()
    {
        var profile = ProspectMerge.Merge(null, Csv(Monday) with { Name = "   " });
        var withPdl = ProspectMerge.Merge(profile, Pdl(Monday));

        Assert.Equal("Café Lévis", withPdl.Name);
        Assert.Throws<ArgumentException>(() => ProspectMerge.Merge(withPdl, Pdl(Monday) with { Domain = ProspectDomain.Parse("other.ca") }));
    }

    private static IEnumerable<ProspectSourceRecord[]> Permutations(ProspectSourceRecord[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items.Take(i), .. items.Skip(i + 1)]).Select(rest => (ProspectSourceRecord[])[item, .. rest]));
}

using Avenir.Silo.Prospects.Import;
using Avenir.Silo.Seeding;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Prospects.Import;

/// <summary>The development stack's prospects (<see cref="DevelopmentProspectSeeder"/>) import whole: a bad row would leave the pages short.</summary>
public sealed class DevelopmentProspectsTests
{
    [Fact]
    public async Task Every_development_prospect_imports_at_an_example_domain_in_both_languages()
    {
        await using var stream = typeof(DevelopmentProspectSeeder).Assembly.GetManifestResourceStream("Avenir.Silo.Seeding.development-prospects.csv");
        Assert.NotNull(stream);

        var import = await new ProspectCsvImporter(new FakeTimeProvider(TestClock.DefaultOrigin)).ImportAsync(stream, CancellationToken.None);

        Assert.Empty(import.Errors);
        Assert.Equal(12, import.Records.Count);
        Assert.Equal(12, import.Records.Select(r => r.Domain.Value).Distinct().Count());
        Assert.All(import.Records, r => Assert.Matches(@"\.example\.(ca|com)$", r.Domain.Value));
        Assert.Equal(["en", "fr"], import.Records.Select(r => r.Language).Distinct().Order());
        Assert.True(import.Records.Select(r => r.Industry).Distinct().Count() >= 8, "several industries, so the daily queue can balance them");
    }
}

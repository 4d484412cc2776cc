using Avenir.Grains.Prospects;
using Avenir.Silo.Prospects.FormTesting;
using Avenir.Silo.Prospects.FormTesting.Mailbox;
using Avenir.Silo.Prospects.Import;
using Avenir.Silo.Prospects.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Avenir.Silo.Tests.Prospects;

public sealed class ProspectsRegistrationTests
{
    [Fact]
    public void Without_keys_no_source_is_registered_but_csv_import_and_form_testing_are()
    {
        using var services = Build([]);

        Assert.Empty(services.GetServices<IProspectSource>());
        Assert.NotNull(services.GetRequiredService<ProspectCsvImporter>());
        Assert.NotNull(services.GetRequiredService<FormTestRunner>());
        Assert.Null(services.GetService<IFormTestMailbox>()); // no mailbox configured: nothing to watch
        Assert.Null(services.GetService<FormTestWatcher>());
    }

    [Fact]
    public void Each_keyed_source_is_registered_google_only_with_its_engine_id_and_settings_bind()
    {
        using var services = Build(new()
        {
            ["Prospects:Pdl:ApiKey"] = "p",
            ["Prospects:Pdl:RequestsPerMinute"] = "25",
            ["Prospects:Apollo:ApiKey"] = "a",
            ["Prospects:Google:ApiKey"] = "g", // no Cx
            ["Prospects:FormTests:Mailbox:Host"] = "127.0.0.1",
            ["Prospects:FormTests:Timeout"] = "1.00:00:00",
        });

        Assert.Equal([ProspectSources.PeopleDataLabs, ProspectSources.Apollo], services.GetServices<IProspectSource>().Select(s => s.Name));
        Assert.Equal(25, services.GetServices<IProspectSource>().First().Quota.RequestsPerMinute);
        Assert.IsType<ImapFormTestMailbox>(services.GetRequiredService<IFormTestMailbox>());
        Assert.NotNull(services.GetRequiredService<FormTestWatcher>());
        Assert.Equal(TimeSpan.FromDays(1), services.GetRequiredService<IOptions<FormTestOptions>>().Value.Timeout);
        Assert.Equal(TimeSpan.FromHours(48), new FormTestOptions().Timeout);

        // The catalog the admin's sources page reads: every known source, the keyed ones with their limits.
        var catalog = services.GetRequiredService<IProspectSourceCatalog>().Describe();
        Assert.Equal(
            [(ProspectSources.PeopleDataLabs, true, (int?)25), (ProspectSources.Apollo, true, 50), (ProspectSources.Google, false, null)],
            catalog.Select(s => (s.Name, s.Configured, s.RequestsPerMinute)));
        Assert.Equal(0L, catalog[0].CreditsUsed);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProspects(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}

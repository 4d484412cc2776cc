using System.Net;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Prospects;
using Avenir.Silo.Prospects.FormTesting;
using Avenir.Silo.Prospects.FormTesting.Analysis;
using Avenir.Silo.Prospects.FormTesting.Fetching;
using Avenir.Silo.Prospects.FormTesting.Mailbox;
using Avenir.Silo.Prospects.FormTesting.Tone;
using Avenir.Silo.Prospects.Import;
using Avenir.Silo.Prospects.Sources;
using Avenir.Silo.Prospects.Sources.Apollo;
using Avenir.Silo.Prospects.Sources.Google;
using Avenir.Silo.Prospects.Sources.Pdl;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The namespace of IServiceCollection, so that AddProspects shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Prospecting's components from configuration (<c>Prospects:*</c>): the discovery sources that have a key (each an
/// <see cref="IProspectSource"/> typed client), the CSV importer (always), and form testing (runner, tone classifier,
/// analyzer; the mailbox watcher when <c>Prospects:FormTests:Mailbox:Host</c> is set). Nothing here starts work: a
/// grain or job handler resolves what it needs.
/// </summary>
public static class ProspectsServiceCollectionExtensions
{
    /// <summary>The HttpClient pipeline names (also the resilience pipelines').</summary>
    public const string SiteClientName = "prospect-site";

    /// <summary>Registers everything configured.</summary>
    public static IServiceCollection AddProspects(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDelay, TimeProviderDelay>();
        services.TryAddSingleton<SourceQuotas>();

        AddSource<PdlCompanySearch, PdlOptions>(services, configuration, PdlOptions.Section, "pdl", _ => true);
        AddSource<ApolloOrganizationSearch, ApolloOptions>(services, configuration, ApolloOptions.Section, "apollo", _ => true);
        // Google needs the engine id too.
        AddSource<GoogleProgrammableSearch, GoogleSearchOptions>(services, configuration, GoogleSearchOptions.Section, "google",
            section => !string.IsNullOrWhiteSpace(section["Cx"]));

        services.TryAddSingleton<Avenir.Grains.Prospects.IProspectSourceCatalog, ProspectSourceCatalog>(); // for ProspectSourcesGrain
        services.TryAddSingleton<ProspectCsvImporter>();
        services.TryAddSingleton<Avenir.Grains.Prospects.IProspectCsvReader, ProspectCsvReader>(); // for ProspectImportGrain
        AddFormTesting(services, configuration);
        return services;
    }

    private static void AddSource<TSource, TOptions>(
        IServiceCollection services, IConfiguration configuration, string sectionName, string pipeline, Func<IConfigurationSection, bool> complete)
        where TSource : class, IProspectSource
        where TOptions : SourceOptions
    {
        var section = configuration.GetSection(sectionName);
        if (string.IsNullOrWhiteSpace(section["ApiKey"]) || !complete(section))
        {
            return; // no key: the source does not exist for this silo
        }

        services.AddOptions<TOptions>().Bind(section);
        services.AddHttpClient<TSource>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddSourceResilience(pipeline, provider => provider.GetRequiredService<IOptions<TOptions>>().Value.Resilience);
        services.AddTransient<IProspectSource>(provider => provider.GetRequiredService<TSource>());
    }

    private static void AddFormTesting(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FormTestOptions.Section);
        services.AddOptions<FormTestOptions>().Bind(section);
        services.TryAddSingleton<HostPacer>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; ServiceDefaults adds a standard handler to every client.
        services.AddHttpClient<SiteFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Redirects and cookies are the BrowsingSession's: robots.txt is checked at every hop, cookies stay per test.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler(SiteClientName, (pipeline, context) =>
                SiteResilience.Configure(pipeline, context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System));
#pragma warning restore EXTEXP0001
        services.TryAddTransient<FormTestRunner>();

        // The tone model reuses the enrichment's MiniLM encoder when the silo has one, else loads its own.
        services.TryAddSingleton<ProspectSentenceEncoder>();
        services.TryAddSingleton(provider =>
        {
            var encoder = provider.GetRequiredService<ProspectSentenceEncoder>();
            return new AutoresponderToneClassifier(() => encoder.Embedder);
        });
        services.TryAddSingleton(provider =>
        {
            var encoder = provider.GetRequiredService<ProspectSentenceEncoder>();
            return new AutoresponderAnalyzer(provider.GetRequiredService<AutoresponderToneClassifier>(), () => encoder.Embedder);
        });

        if (!string.IsNullOrWhiteSpace(section["Mailbox:Host"]))
        {
            services.TryAddSingleton<IFormTestMailbox, ImapFormTestMailbox>();
            services.TryAddTransient<FormTestWatcher>();
        }
    }
}

/// <summary>The sentence encoder of prospecting: the enrichment engine's when registered, else one loaded on first use.</summary>
internal sealed class ProspectSentenceEncoder(IServiceProvider provider) : IDisposable
{
    private readonly Lazy<(ISentenceEmbedder Embedder, bool Owned)> _encoder = new(() =>
        provider.GetService<LocalEnrichmentEngine>() is { } engine ? (engine.Embedder, false) : (new MiniLmSentenceEmbedder(), true));

    public ISentenceEmbedder Embedder => _encoder.Value.Embedder;

    public void Dispose()
    {
        if (_encoder.IsValueCreated && _encoder.Value is { Owned: true, Embedder: IDisposable disposable })
        {
            disposable.Dispose();
        }
    }
}

using Avenir.Infrastructure.Database;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Translation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Avenir.Silo.Tests.Intelligence.Ai;

[Collection(EnrichmentEngineCollection.Name)]
public sealed class AiWiringTests(EnrichmentEngineFixture engine)
{
    [Fact]
    public async Task Without_configuration_the_local_engine_answers_and_no_llm_is_registered()
    {
        var services = Build(new Dictionary<string, string?>());

        Assert.Same(engine.Engine, services.GetRequiredService<ILeadEnrichmentEngine>());
        Assert.Null(services.GetService<ILlmClient>());
        Assert.Null(services.GetService<PromptExecutor>());
        Assert.IsType<Translator>(services.GetRequiredService<ITranslator>());
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("AzureOpenAI")]
    [InlineData("ollama")]
    public async Task A_provider_puts_the_llm_engine_in_front_of_the_local_one(string provider)
    {
        var services = Build(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = provider,
            ["Ai:Model"] = "some-model",
            ["Ai:Deployment"] = "some-deployment",
            ["Ai:Endpoint"] = "http://127.0.0.1:9",
            ["Ai:ApiKey"] = "key",
        });

        var llm = Assert.IsType<LlmEnrichmentEngine>(services.GetRequiredService<ILeadEnrichmentEngine>());
        Assert.StartsWith(provider.ToLowerInvariant() + ":", llm.ModelName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_llm_http_client_has_llm_timeouts_and_a_valid_circuit_breaker()
    {
        var services = Build(new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "openai",
            ["Ai:Model"] = "m",
            ["Ai:ApiKey"] = "k",
            ["Ai:Resilience:CircuitBreakerSamplingDuration"] = "00:00:10", // too short for a 30 s attempt: raised
        });

        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(AiHostingExtensions.LlmHttpClientName);
        var options = services.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>()
            .Get(AiHostingExtensions.LlmHttpClientName + "-standard");

        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.TotalRequestTimeout.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CircuitBreaker.SamplingDuration);
        Assert.True(options.Retry.ShouldRetryAfterHeader);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    /// <summary>
    /// The provider is deliberately not disposed: it would dispose the engine its factories returned, which is the
    /// shared fixture's (the container disposes what factories return).
    /// </summary>
    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"));
        services.AddSingleton<TenantDatabase>();
        services.AddJobQueue();
        services.AddAvenirAi(configuration, hostedServices: false);
        services.AddSingleton(engine.Engine); // the fixture's loaded model instead of a second copy
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

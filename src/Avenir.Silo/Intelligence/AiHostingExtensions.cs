using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Llm;
using Avenir.Silo.Intelligence.Local;
using Avenir.Silo.Intelligence.Profile;
using Avenir.Silo.Intelligence.Prompts;
using Avenir.Silo.Intelligence.Translation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OllamaSharp;

// The namespace of IServiceCollection, so that AddAvenirAi shows up where services are registered.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The silo's AI: the enrichment engine chosen by <c>Ai:Provider</c> (the local model by default; an LLM with the
/// local model as fallback otherwise), the prompt registry, translation and the agency profile embeddings.
/// </summary>
public static class AiHostingExtensions
{
    /// <summary>The named HttpClient handed to the LLM connectors (its own resilience pipeline, see <see cref="LlmResilienceOptions"/>).</summary>
    public const string LlmHttpClientName = "avenir-llm";

    /// <summary>The service key of the engine the LLM falls back to (the local model unless replaced, e.g. in tests).</summary>
    public const string FallbackEngineKey = "fallback";

    public static IHostApplicationBuilder AddAvenirAi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAvenirAi(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Registers everything; needs <c>TenantDatabase</c>, a <c>TimeProvider</c> and the job queue (<c>AddJobQueue</c>)
    /// for the cleanup job. <paramref name="hostedServices"/>: the profile initializer and the daily cleanup scheduler.
    /// </summary>
    public static IServiceCollection AddAvenirAi(this IServiceCollection services, IConfiguration configuration, bool hostedServices = true)
    {
        var section = configuration.GetSection(AiOptions.Section);
        services.AddOptions<AiOptions>().Bind(section).Validate(
            o => o.NormalizedProvider is AiOptions.LocalProvider or AiOptions.OpenAiProvider or AiOptions.AzureOpenAiProvider or AiOptions.OllamaProvider,
            "Ai:Provider must be local, openai, azureopenai or ollama.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // The local engine: the default engine, the LLM's fallback, and the owner of the MiniLM encoder.
        services.AddLocalEnrichment();
        services.TryAddKeyedSingleton<ILeadEnrichmentEngine>(FallbackEngineKey, (provider, _) => provider.GetRequiredService<LocalEnrichmentEngine>());
        services.TryAddSingleton<ILeadLanguageDetector, LinguaLeadLanguageDetector>();

        // Prompts as data.
        services.TryAddSingleton<IPromptRegistry, PromptRegistry>();
        services.TryAddSingleton<Avenir.Grains.Prompts.IPromptRegistryCache>(provider => provider.GetRequiredService<IPromptRegistry>());
        services.TryAddSingleton<RunningPromptExperiments>();
        // A/B tests need the cluster (the prompt's experiment grain): in a silo; elsewhere the active variant.
        services.TryAddSingleton<IPromptSelector>(provider => provider.GetService<IGrainFactory>() is { } grains
            ? ActivatorUtilities.CreateInstance<ExperimentPromptSelector>(provider, grains)
            : new ActivePromptSelector(provider.GetRequiredService<IPromptRegistry>()));
        services.TryAddSingleton<PromptPerformanceLog>();

        // Translation and its daily cache cleanup.
        services.TryAddSingleton<ITranslator>(provider => ActivatorUtilities.CreateInstance<Translator>(provider, [.. OptionalExecutor(provider)]));
        services.AddJobHandler<TranslationCacheCleanupJobHandler>();

        // Agency profile embeddings with the local encoder.
        services.TryAddSingleton(provider => new ProfileEmbeddings(
            provider.GetRequiredService<Avenir.Infrastructure.Database.TenantDatabase>(),
            () => provider.GetRequiredService<LocalEnrichmentEngine>().Embedder,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ProfileEmbeddings>>()));
        services.TryAddSingleton<IProfileSimilarity>(provider => provider.GetRequiredService<ProfileEmbeddings>());
        if (hostedServices)
        {
            services.AddHostedService<ProfileEmbeddingInitializer>();
            services.AddHostedService<TranslationCacheCleanupScheduler>();
        }

        var options = section.Get<AiOptions>() ?? new AiOptions();
        if (options.UsesLlm)
        {
            AddLlm(services, options);
        }

        return services;
    }

    private static object[] OptionalExecutor(IServiceProvider provider) =>
        provider.GetService<PromptExecutor>() is { } executor ? [executor] : [];

    private static void AddLlm(IServiceCollection services, AiOptions options)
    {
        // ServiceDefaults adds the standard handler (10 s attempt, 30 s total) to every client: replace it with
        // one fitted to LLM latency. The options validator requires sampling ≥ 2 × the attempt timeout.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
        services.AddHttpClient(LlmHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(standard => ConfigureResilience(standard, options.Resilience));
#pragma warning restore EXTEXP0001

        services.TryAddSingleton(provider => CreateClient(provider, provider.GetRequiredService<IOptions<AiOptions>>().Value));
        services.TryAddSingleton<PromptExecutor>();
        services.TryAddSingleton(provider => new LlmEnrichmentEngine(
            provider.GetRequiredService<PromptExecutor>(),
            provider.GetRequiredKeyedService<ILeadEnrichmentEngine>(FallbackEngineKey),
            provider.GetRequiredService<ILeadLanguageDetector>(),
            provider.GetRequiredService<ILogger<LlmEnrichmentEngine>>()));
        services.Replace(ServiceDescriptor.Singleton<ILeadEnrichmentEngine>(provider => provider.GetRequiredService<LlmEnrichmentEngine>()));
        // Abstractive summaries (lead_summary prompt, guarded), the local engine's extractive one as fallback.
        services.TryAddSingleton(provider => new Avenir.Silo.Intelligence.Summaries.LeadSummaryWriter(
            provider.GetRequiredService<PromptExecutor>(),
            provider.GetRequiredKeyedService<ILeadEnrichmentEngine>(FallbackEngineKey),
            provider.GetRequiredService<ILogger<Avenir.Silo.Intelligence.Summaries.LeadSummaryWriter>>()));

        // Growth insights by the LLM (the intelligence_analysis job asks; "refresh now" enqueues one).
        services.TryAddSingleton<Avenir.Silo.Growth.IGrowthInsightWriter, Avenir.Silo.Growth.LlmGrowthInsightWriter>();
        services.Configure<Avenir.Grains.Growth.GrowthInsightOptions>(growth => growth.LlmWritesInsights = true);
    }

    /// <summary>The standard pipeline (rate limiter, total timeout, retry, circuit breaker, attempt timeout) with LLM timings.</summary>
    public static void ConfigureResilience(HttpStandardResilienceOptions standard, LlmResilienceOptions settings)
    {
        standard.AttemptTimeout.Timeout = settings.AttemptTimeout;
        standard.TotalRequestTimeout.Timeout = settings.TotalTimeout;
        standard.Retry.MaxRetryAttempts = Math.Max(0, settings.MaxRetries);
        standard.Retry.Delay = settings.RetryDelay;
        standard.Retry.MaxDelay = settings.MaxRetryDelay;
        standard.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
        standard.Retry.UseJitter = true;
        standard.Retry.ShouldRetryAfterHeader = true; // 429 / 503 with Retry-After wait as told
        var sampling = settings.CircuitBreakerSamplingDuration;
        var minimum = settings.AttemptTimeout * 2;
        standard.CircuitBreaker.SamplingDuration = sampling < minimum ? minimum : sampling;
        standard.CircuitBreaker.BreakDuration = settings.CircuitBreakerBreakDuration;
    }

    private static ILlmClient CreateClient(IServiceProvider provider, AiOptions options)
    {
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttpClientName);
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        switch (options.NormalizedProvider)
        {
            case AiOptions.OpenAiProvider:
            {
                var model = Required(options.Model, "Ai:Model");
                var key = Required(options.ApiKey, "Ai:ApiKey");
                // Semantic Kernel turns off the OpenAI SDK's own retries when it is given an HttpClient: the pipeline above retries.
                var chat = options.Endpoint is null
                    ? new OpenAIChatCompletionService(model, key, httpClient: http, loggerFactory: loggers)
                    : new OpenAIChatCompletionService(model, options.Endpoint, key, httpClient: http, loggerFactory: loggers);
                return new SemanticKernelLlmClient(chat, AiOptions.OpenAiProvider, model);
            }

            case AiOptions.AzureOpenAiProvider:
            {
                var deployment = Required(options.Deployment, "Ai:Deployment");
                var endpoint = options.Endpoint ?? throw new InvalidOperationException("Ai:Endpoint is required for azureopenai.");
                var chat = new AzureOpenAIChatCompletionService(
                    deployment, endpoint.ToString(), Required(options.ApiKey, "Ai:ApiKey"), options.Model, http, loggers);
                return new SemanticKernelLlmClient(chat, AiOptions.AzureOpenAiProvider, options.Model ?? deployment);
            }

            case AiOptions.OllamaProvider:
            {
                var model = Required(options.Model, "Ai:Model");
                http.BaseAddress = options.Endpoint ?? new Uri("http://localhost:11434");
                return new ChatClientLlmClient(new OllamaApiClient(http, model), AiOptions.OllamaProvider, model);
            }

            default:
                throw new InvalidOperationException($"Ai:Provider '{options.Provider}' is not an LLM provider.");
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"{name} is required for the configured Ai:Provider.") : value;
}

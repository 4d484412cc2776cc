using Avenir.Silo.Intelligence.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>
/// The configured LLM engine outside the silo, for <c>evaluate --engine llm</c>: the same registrations as the
/// silo (<c>AddAvenirAi</c>: provider, resilience, prompts read from prompt_registry, executions logged in
/// prompt_performance, the local model as fallback), from the usual settings — appsettings.json, user secrets,
/// environment (<c>Ai__Provider</c>, <c>Ai__Model</c>, <c>Ai__ApiKey</c>, <c>Ai__Endpoint</c>,
/// <c>ConnectionStrings__avenirdb</c>…). Executions are logged with <c>Ai:Environment</c> "test" unless it is set,
/// so an evaluation does not count as production traffic. Logs go to standard error.
/// </summary>
internal sealed class LlmEvaluationHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LlmEvaluationHost(ServiceProvider services, LlmEnrichmentEngine engine)
    {
        _services = services;
        Engine = engine;
    }

    public LlmEnrichmentEngine Engine { get; }

    /// <summary>appsettings.json next to the assembly, user secrets, then the environment (the last wins).</summary>
    public static IConfiguration DefaultConfiguration() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddUserSecrets(typeof(LlmEvaluationHost).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>
    /// Builds the engine; throws <see cref="InvalidOperationException"/> with a readable message when no LLM
    /// provider or no database is configured. <paramref name="configure"/> may replace services (tests).
    /// </summary>
    public static LlmEvaluationHost Create(IConfiguration settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ai:Environment"] = "test" })
            .AddConfiguration(settings)
            .Build();
        var options = configuration.GetSection(AiOptions.Section).Get<AiOptions>() ?? new AiOptions();
        if (!options.UsesLlm)
        {
            throw new InvalidOperationException(
                "Ai:Provider is 'local': set Ai:Provider (openai, azureopenai or ollama), Ai:Model and its key or endpoint to evaluate an LLM.");
        }

        // The prompts live in prompt_registry and every execution is logged: the LLM engine needs the database.
        var database = DatabaseSettings.From(configuration);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("System.Net.Http", LogLevel.Error)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton(_ => NpgsqlDataSource.Create(database.ApplicationConnectionString));
        services.AddSingleton<TenantDatabase>();
        configure?.Invoke(services);
        services.AddAvenirAi(configuration, hostedServices: false);
        var provider = services.BuildServiceProvider();
        return new LlmEvaluationHost(provider, provider.GetRequiredService<LlmEnrichmentEngine>());
    }

    /// <summary><see cref="Create"/>, or null with why it cannot be (the settings name no LLM, or no database is configured).</summary>
    public static LlmEvaluationHost? CreateOrExplain(IConfiguration settings, Action<IServiceCollection>? configure, out string? problem)
    {
        try
        {
            problem = null;
            return Create(settings, configure);
        }
        catch (InvalidOperationException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

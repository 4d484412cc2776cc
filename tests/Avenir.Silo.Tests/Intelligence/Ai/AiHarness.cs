using Avenir.Infrastructure.Database;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Tests.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Avenir.Silo.Tests.Intelligence.Ai;

/// <summary>
/// The silo's AI registrations (<c>AddAvenirAi</c>) as production makes them, from in-memory <c>Ai:*</c> settings,
/// on a real database. The LLM's fallback is a <see cref="FixedEnrichmentEngine"/> (no MiniLM needed), and
/// the resilience timings are short so that failure paths run in about a second.
/// </summary>
public sealed class AiHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public AiHarness(string applicationConnectionString, IDictionary<string, string?> settings, TimeProvider? time = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ai:Environment"] = "test",
            ["Ai:Resilience:AttemptTimeout"] = "00:00:10",
            ["Ai:Resilience:TotalTimeout"] = "00:00:30",
            ["Ai:Resilience:MaxRetries"] = "2",
            ["Ai:Resilience:RetryDelay"] = "00:00:00.020",
            ["Ai:Resilience:MaxRetryDelay"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(Logs));
        collection.AddSingleton<IConfiguration>(configuration);
        // Never today's date; the default clock keeps real timers for the HTTP resilience pipeline's timeouts.
        Time = time ?? new TestClock();
        collection.AddSingleton(Time);

        collection.AddSingleton(_ => NpgsqlDataSource.Create(applicationConnectionString));
        collection.AddSingleton<TenantDatabase>();
        collection.AddJobQueue();
        collection.AddKeyedSingleton<ILeadEnrichmentEngine>(AiHostingExtensions.FallbackEngineKey, Fallback);
        collection.AddAvenirAi(configuration, hostedServices: false);
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public TimeProvider Time { get; }

    public ListLoggerProvider Logs { get; } = new();

    public FixedEnrichmentEngine Fallback { get; } = new();

    public IServiceProvider Services => services;

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Logs.Dispose();
    }

    public static Dictionary<string, string?> OpenAi(string endpoint, string model) => new()
    {
        ["Ai:Provider"] = "openai",
        ["Ai:Model"] = model,
        ["Ai:Endpoint"] = endpoint,
        ["Ai:ApiKey"] = "sk-test",
        ["Ai:Pricing:InputPer1KTokens"] = "0.15",
        ["Ai:Pricing:OutputPer1KTokens"] = "0.6",
    };
}

using Avenir.Silo.Prospects;
using Avenir.Silo.Prospects.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace Avenir.Silo.Tests.Prospects.Sources;

/// <summary>
/// A WireMock server speaking a provider's protocol, and the silo's registration (<c>AddProspects</c>) pointed at it
/// with a fake clock and a delay that records instead of sleeping.
/// </summary>
public sealed class SourceHarness : IDisposable
{
    private readonly ServiceProvider provider;

    public SourceHarness(string section, Dictionary<string, string?>? settings = null)
    {
        Delay = new RecordingDelay(Time);
        Server = WireMockServer.Start();
        var values = new Dictionary<string, string?>
        {
            [$"{section}:ApiKey"] = "test-key",
            [$"{section}:BaseAddress"] = Server.Urls[0] + "/",
            [$"{section}:Cx"] = "engine-1",
            // Back-off of zero: retries are checked by count here, and by the clock in the Retry-After test.
            [$"{section}:Resilience:RetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key.StartsWith(':') ? section + key : key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IDelay>(Delay);
        services.AddProspects(configuration);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new WatchedTimeProvider(TestClock.DefaultOrigin);

    public RecordingDelay Delay { get; }

    public WireMockServer Server { get; }

    public IServiceProvider Services => provider;

    public IProspectSource Source(string name) => provider.GetServices<IProspectSource>().Single(s => s.Name == name);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Prospects", "Fixtures", name));

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        provider.Dispose();
    }
}

/// <summary>A fake clock that also says when someone starts a timer of a given length (Polly's back-off waits).</summary>
public sealed class WatchedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<(TimeSpan Due, TaskCompletionSource Created)> watches = [];
    private readonly Lock gate = new();

    /// <summary>Completes when a timer due in exactly <paramref name="due"/> has been created.</summary>
    public Task TimerCreated(TimeSpan due)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            watches.Add((due, created));
        }

        return created.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (gate)
        {
            foreach (var watch in watches.Where(w => w.Due == dueTime).ToList())
            {
                watch.Created.TrySetResult();
                watches.Remove(watch);
            }
        }

        return timer;
    }
}

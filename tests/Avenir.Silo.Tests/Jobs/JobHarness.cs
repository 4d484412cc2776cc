using Avenir.Infrastructure.Database;
using Avenir.Silo.Email;
using Avenir.Silo.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Avenir.Silo.Tests.Jobs;

/// <summary>
/// The silo's job services as production registers them (<c>AddJobQueue</c>, the handlers), on a real
/// database, with a <see cref="SignallingTimeProvider"/> the test moves. The test drives the runner itself.
/// </summary>
public sealed class JobHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    /// <param name="start">The fake clock's first instant (<see cref="TestClock.DefaultOrigin"/> when not given).</param>
    public JobHarness(string applicationConnectionString, Action<IServiceCollection>? configure = null, DateTimeOffset? start = null)
    {
        Time = new SignallingTimeProvider(start ?? TestClock.DefaultOrigin);
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton(_ => NpgsqlDataSource.Create(applicationConnectionString));
        collection.AddSingleton<TenantDatabase>();
        collection.AddJobQueue();
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Runner.Jitter = () => 0; // back-off at its lower bound: d/2
    }

    public SignallingTimeProvider Time { get; }

    public IServiceProvider Services => services;

    public JobQueue Queue => services.GetRequiredService<JobQueue>();

    public JobRunner Runner => services.GetRequiredService<JobRunner>();

    /// <summary>Runs due jobs of these types, one at a time, until none is due (at most 50).</summary>
    public async Task<int> RunUntilIdleAsync(params string[] jobTypes)
    {
        var ran = 0;
        while (ran < 50 && await Runner.RunOnceAsync("test-worker", CancellationToken.None, jobTypes))
        {
            ran++;
        }

        return ran;
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    /// <summary>Email options pointing at the in-process SMTP server.</summary>
    public static void UseMailServer(IServiceCollection services, TestMailServer mail)
    {
        services.AddAvenirEmail();
        services.Configure<EmailOptions>(options =>
        {
            options.From = "Avenir <noreply@avenir.test>";
            options.Smtp.Host = "127.0.0.1";
            options.Smtp.Port = mail.Port;
            options.Smtp.UseTls = false;
        });
    }
}

using Avenir.Infrastructure.Database;
using Avenir.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Avenir.Testing;

/// <summary>
/// An in-process Orleans cluster for grain tests: ADO.NET grain storage and reminders on a real
/// PostgreSQL, grains writing their rows through the application role. Its membership is the testing
/// host's in-memory one (the in-process cluster forces it); tests of real membership use <see cref="TestSilo"/>.
/// </summary>
public static class AvenirTestCluster
{
    /// <summary>Pinned like production: grain state rows are keyed by the service id, so a restarted cluster finds them.</summary>
    public const string ServiceId = "avenir-tests";

    /// <param name="clock">The silos' <see cref="TimeProvider"/>; a new <see cref="TestClock"/> (never today's date) when not given.</param>
    /// <param name="services">Extra silo services, added after the defaults.</param>
    public static InProcessTestCluster Build(
        DatabaseSettings database, short silos = 1, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => silo.AddAvenirProviders(database.ApplicationConnectionString, clustering: false));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.ApplicationConnectionString));
            host.Services.AddSingleton<TenantDatabase>();
            host.Services.AddSingleton(clock ?? new TestClock());
            services?.Invoke(host.Services);
        });
        return builder.Build();
    }
}

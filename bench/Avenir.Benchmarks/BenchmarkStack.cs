using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Avenir.Benchmarks;

/// <summary>
/// The whole stack as <c>dotnet run --project src/Avenir.AppHost</c> starts it (the end-to-end tests'
/// <c>AvenirStack</c> approach): free ports, a temporary PostgreSQL data folder deleted afterwards, and
/// intake rate limits raised so that the limiter, not the stack, is never what is measured.
/// </summary>
internal sealed class BenchmarkStack : IAsyncDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"avenir-bench-{Guid.NewGuid():N}");
    private DistributedApplication? app;

    public string Key { get; } = "avk_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Uri Api { get; private set; } = null!;

    public string OwnerConnection { get; private set; } = null!;

    /// <summary>The AppHost configuration that shapes the measurement (limits, workers), for the report.</summary>
    public IReadOnlyList<string> Settings { get; private set; } = [];

    public async Task StartAsync(IEnumerable<string> extraArguments, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            $"--Postgres:DataDirectory={dataDirectory}",
            $"--Postgres:Port={FreePort()}",
            $"--Ports:Api={FreePort()}",
            $"--Ports:Silo={FreePort()}",
            $"--Ports:OrleansSilo={FreePort()}",
            $"--Ports:OrleansGateway={FreePort()}",
            $"--Ports:Smtp={FreePort()}",
            $"--Ports:MailInbox={FreePort()}",
            $"--Parameters:demo-api-key={Key}",
            "--Parameters:admin-password=benchmark-admin-password",
            "--Parameters:app-db-password=benchmark-app-password",
            "--Intake:PermitsPerKeyPerMinute=100000000",
            "--Intake:PermitsPerIpPerMinute=100000000",
            // Intake alone by default: the job workers' enrichment (a local ML model) would otherwise work off
            // the backlog intake creates on the same two cores, during both phases. --Jobs:Workers=4 keeps them.
            .. extraArguments.Any(a => a.StartsWith("--Jobs:Workers", StringComparison.OrdinalIgnoreCase)) ? [] : new[] { "--Jobs:Workers=0" },
            .. extraArguments,
        ];
        Settings = arguments.Where(a => a.StartsWith("--Intake:", StringComparison.Ordinal) || a.StartsWith("--Jobs:", StringComparison.Ordinal)
            || !a.StartsWith("--Ports:", StringComparison.Ordinal) && !a.StartsWith("--Postgres:", StringComparison.Ordinal) && !a.StartsWith("--Parameters:", StringComparison.Ordinal)).ToArray();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Avenir_AppHost>(
            arguments, (options, _) => options.DisableDashboard = true, cancellationToken);
        // The services' own logs stay out of the benchmark's output (resource logs are forwarded as "….Resources.<name>");
        // errors still show. Start-up probes failing until a service listens are expected, not news.
        builder.Services.AddLogging(logging => logging
            .AddFilter((category, level) => level >= LogLevel.Error
                && category?.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) != true)
            .AddSimpleConsole(console => console.SingleLine = true));
        app = await builder.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellationToken);
        Api = new Uri(app.GetEndpoint("api", "http").ToString().TrimEnd('/') + "/");
        OwnerConnection = await app.GetConnectionStringAsync("avenirdb", cancellationToken)
            ?? throw new InvalidOperationException("The stack has no avenirdb connection string.");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            try
            {
                await app.StopAsync();
            }
            finally
            {
                await app.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

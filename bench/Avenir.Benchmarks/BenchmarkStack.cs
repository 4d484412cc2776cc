using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Avenir.Testing.Stack;
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
    // The end-to-end tests' stack (linked source): same AppHost arguments, free ports, own data folder.
    private readonly AvenirStack stack = new();
    private DistributedApplication? app;

    public static string Key => AvenirStack.DemoApiKey;

    /// <summary>The demo client's dashboard password, seeded by the stack (the dashboard mode signs in with it).</summary>
    public const string DemoPassword = "bench-demo-password-0123";

    public Uri Api { get; private set; } = null!;

    public string OwnerConnection { get; private set; } = null!;

    public IReadOnlyList<string> Settings { get; private set; } = [];

    public async Task StartAsync(IEnumerable<string> extraArguments, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "--Intake:PermitsPerKeyPerMinute=100000000",
            "--Intake:PermitsPerIpPerMinute=100000000",
            $"--Parameters:demo-password={DemoPassword}",
            .. extraArguments.Any(a => a.StartsWith("--Jobs:Workers", StringComparison.OrdinalIgnoreCase)) ? [] : new[] { "--Jobs:Workers=0" },
            .. extraArguments,
        ];
        Settings = arguments;
        app = await stack.BuildAsync(arguments, silos: 1, cancellationToken, builder => builder.Services.AddLogging(logging => logging
            .AddFilter((category, level) => level >= LogLevel.Error
                && category?.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) != true)
            .AddSimpleConsole(console => console.SingleLine = true)));
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

        stack.DeleteData();
    }
}

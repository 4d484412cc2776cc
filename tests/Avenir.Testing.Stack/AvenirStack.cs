using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Avenir.Testing.Stack;

/// <summary>
/// The whole stack as <c>dotnet run --project src/Avenir.AppHost</c> starts it, on free ports and with its
/// own PostgreSQL data folder, so it runs beside a developer's stack and can be stopped and started again
/// on the same data.
/// </summary>
public sealed class AvenirStack
{
    public const string DemoApiKey = "avk_end_to_end_demo_key_0123456789abcdef";

    private readonly string dataDirectory = Path.Combine("/tmp", $"avenir-e2e-{Guid.NewGuid():N}");
    private readonly int postgresPort = FreePort();
    private readonly int apiPort = FreePort();
    private readonly int siloPort = FreePort();
    private readonly int orleansSiloPort = FreePort();
    private readonly int orleansGatewayPort = FreePort();
    private readonly int smtpPort = FreePort();
    private readonly int mailInboxPort = FreePort();

    /// <summary>The development mail server's web inbox (smtp4dev's JSON API lives under it).</summary>
    public Uri MailInbox => new($"http://127.0.0.1:{mailInboxPort}");

    public async Task<DistributedApplication> StartAsync(int silos = 1, CancellationToken cancellationToken = default)
    {
        var app = await BuildAsync([], silos, cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellationToken);
        return app;
    }

    /// <summary>Builds (without starting) the stack with extra AppHost arguments.</summary>
    public async Task<DistributedApplication> BuildAsync(
        string[] extraArguments, int silos, CancellationToken cancellationToken, Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        string[] arguments =
        [
            $"--Postgres:DataDirectory={dataDirectory}",
            $"--Postgres:Port={postgresPort}",
            $"--Ports:Api={apiPort}",
            $"--Ports:Silo={siloPort}",
            $"--Ports:OrleansSilo={orleansSiloPort}",
            $"--Ports:OrleansGateway={orleansGatewayPort}",
            $"--Ports:Smtp={smtpPort}",
            $"--Ports:MailInbox={mailInboxPort}",
            $"--Parameters:demo-api-key={DemoApiKey}",
            "--Parameters:admin-password=end-to-end-admin-password",
            "--Parameters:app-db-password=end-to-end-app-password",
            $"--silos={silos}",
            .. extraArguments,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Avenir_AppHost>(
            arguments, (options, _) => options.DisableDashboard = true, cancellationToken);
        configure?.Invoke(builder);
        return await builder.BuildAsync(cancellationToken);
    }

    public void DeleteData()
    {
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

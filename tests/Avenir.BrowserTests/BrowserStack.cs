using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Avenir.BrowserTests;

/// <summary>
/// The whole AppHost (PostgreSQL, silo, API serving the dashboard) on free ports with its own data folder,
/// and a headless Debian Chromium driven by Playwright. One per test collection: starting it takes ~15 s.
/// </summary>
public sealed class BrowserStack : IAsyncLifetime
{
    public const string DemoApiKey = "avk_browser_demo_key_0123456789abcdef01";
    public const string DemoEmail = "demo@avenir.local";
    public const string DemoPassword = "browser-demo-password-1";
    public const string AdminEmail = "admin@avenir.local";
    public const string AdminPassword = "browser-admin-password-1";

    /// <summary>Debian's chromium (build/install-prerequisites.sh installs it); Playwright's own download does not work offline.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("AVENIR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly string dataDirectory = Path.Combine("/tmp", $"avenir-browser-{Guid.NewGuid():N}");
    private readonly int apiPort = FreePort();
    private DistributedApplication? app;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The dashboard's address. <c>localhost</c> (not 127.0.0.1) so Chromium treats it as a secure context.</summary>
    public Uri BaseAddress => new($"http://localhost:{apiPort}/");

    public HttpClient Http { get; } = new();

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run build/install-prerequisites.sh (apt-get install chromium).");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string[] arguments =
        [
            $"--Postgres:DataDirectory={dataDirectory}",
            $"--Postgres:Port={FreePort()}",
            $"--Ports:Api={apiPort}",
            $"--Ports:Silo={FreePort()}",
            $"--Ports:OrleansSilo={FreePort()}",
            $"--Ports:OrleansGateway={FreePort()}",
            $"--Ports:Smtp={FreePort()}",
            $"--Ports:MailInbox={FreePort()}",
            $"--Parameters:demo-api-key={DemoApiKey}",
            $"--Parameters:demo-password={DemoPassword}",
            $"--Parameters:admin-password={AdminPassword}",
            "--Parameters:app-db-password=browser-app-db-password",
            // The paging test posts a page and a half of leads from this one address within a minute.
            "--Intake:PermitsPerIpPerMinute=300",
            // Every test signs in from this one address: more than the 10 a minute a real visitor gets.
            "--SignIn:PermitsPerIpPerMinute=200",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Avenir_AppHost>(
            arguments, (options, _) => options.DisableDashboard = true, timeout.Token);
        app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        Http.BaseAddress = BaseAddress;

        // The bundled Playwright driver (node + playwright-core inside the NuGet package) runs offline;
        // only the browser comes from the machine.
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
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

    /// <summary>Posts a lead the way a client's website does (POST /api/lead with the secret key) and returns its id.</summary>
    public async Task<Guid> PostLeadAsync(string name, string email, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lead")
        {
            Content = JsonContent.Create(new { name, email, message }),
        };
        request.Headers.Add("X-Api-Key", DemoApiKey);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/lead answered {(int)response.StatusCode}: {body}");
        var accepted = System.Text.Json.JsonDocument.Parse(body);
        return accepted.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A fresh browser context (own cookies and storage) with a page; <paramref name="viewport"/> defaults to a laptop.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, string locale = "en-CA")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 860 },
            Locale = locale,
            TimezoneId = "America/Toronto",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static string FindScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Avenir.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "test-output", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserStack>
{
    public const string Name = "browser";
}

using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;
using Avenir.Infrastructure.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Avenir.Api.Tests.Infrastructure;

/// <summary>
/// The API on a real Kestrel port, as an Orleans client of an in-process silo, both on a fresh migrated
/// PostgreSQL database: every request crosses real HTTP, a real grain call and real SQL.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public ApiFixture()
        : this(permitsPerKeyPerMinute: 5)
    {
    }

    /// <summary>A fixture of its own for a suite that needs another per-key intake limit (the fuzz suite: one that rarely stops it).</summary>
    protected ApiFixture(int permitsPerKeyPerMinute) => PermitsPerKeyPerMinute = permitsPerKeyPerMinute;

    private WebApplicationFactory<Avenir.Api.Clients.ClientKeyDirectory> factory = null!;

    public DatabaseSettings Database { get; private set; } = null!;

    public TestSilo Silo { get; private set; } = null!;

    /// <summary>A separate cluster client (the test's own), to register clients and read grains.</summary>
    public IGrainFactory Grains { get; private set; } = null!;

    private IHost clientHost = null!;

    /// <summary>The clock of the silo and the API: a fixed calendar, never today's date.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The API host's services (e.g. to flush its performance recorder now rather than in 10 s).</summary>
    public IServiceProvider ApiServices => factory.Services;

    /// <summary>Real-HTTP client to the API (no automatic redirects, so a 303 can be asserted).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Lead posts a minute per client key (the per-IP limit is set high: only the rate-limit tests meet it).</summary>
    public int PermitsPerKeyPerMinute { get; }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        var clusterId = TestSilo.NewClusterId();
        Silo = await TestSilo.StartAsync(Database, clusterId, silo =>
        {
            AddOutreach(silo);
            ConfigureSilo(silo);
        }, Clock);
        clientHost = await TestSilo.StartClientAsync(Database, clusterId);
        Grains = clientHost.Services.GetRequiredService<IClusterClient>();

        factory = new WebApplicationFactory<Avenir.Api.Clients.ClientKeyDirectory>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:avenirdb", Database.OwnerConnectionString);
            web.UseSetting("Database:AppPassword", TestDatabase.ApplicationPassword);
            web.UseSetting("Orleans:ClusterId", clusterId);
            web.UseSetting("Orleans:ServiceId", AvenirTestCluster.ServiceId);
            web.UseSetting("Intake:PermitsPerIpPerMinute", "100000");
            web.UseSetting("Intake:PermitsPerKeyPerMinute", PermitsPerKeyPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Intake:MaxBodyBytes", "16384");
            web.UseSetting("ReverseProxy:KnownProxies:0", "127.0.0.1");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        var port = FreePort();
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        factory.StartServer();
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
    }

    /// <summary>The key (id 1) the silo signs outreach tracking tokens with, so tests can forge expired or foreign ones.</summary>
    public byte[] TrackingSecret { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The public origin the silo writes into tracking URLs.</summary>
    public const string TrackingBase = "https://go.avenir.test";

    /// <summary>
    /// The outreach campaign feature, as the real silo has it (the test silo runs no job workers, so no scheduler):
    /// without it the public tracking endpoints' grain could not activate and every token would be a 500.
    /// </summary>
    private void AddOutreach(IHostApplicationBuilder silo)
    {
        silo.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Tracking:BaseUrl"] = TrackingBase,
            ["Outreach:Tracking:CurrentKeyId"] = "1",
            ["Outreach:Tracking:Keys:0:Id"] = "1",
            ["Outreach:Tracking:Keys:0:Secret"] = Convert.ToBase64String(TrackingSecret),
        });
        silo.Services.AddOutreachCampaigns(schedule: false);
    }

    /// <summary>Changes to the silo's host before it starts (a fixture of its own may add, e.g., a filter that injects a fault).</summary>
    protected virtual void ConfigureSilo(IHostApplicationBuilder silo)
    {
    }

    /// <summary>Registers a client; returns its id and its secret key.</summary>
    public async Task<(Guid ClientId, string ApiKey, ClientProfile Profile)> RegisterClientAsync(
        string[]? allowedOrigins = null, bool aiReply = true)
    {
        var clientId = Guid.NewGuid();
        var apiKey = ApiKey.Generate();
        var registered = await Grains.GetGrain<IClientGrain>(clientId).RegisterAsync(new ClientRegistration
        {
            ApiKey = TestClients.Digest(apiKey),
            BusinessName = "Clinique Test",
            Email = $"owner-{clientId:N}@example.com",
            Language = "fr",
            AllowedOrigins = allowedOrigins ?? ["https://clinic.example.com"],
            AiPersonalizedReply = aiReply,
            BookingLink = "https://cal.example.com/clinic",
        });
        return (clientId, apiKey, registered.Profile);
    }

    /// <summary>The password of every client made by <see cref="RegisterUserAsync"/>.</summary>
    public const string UserPassword = "correct horse battery staple";

    // PBKDF2 is slow on purpose: hashed once for the whole run.
    private static readonly string UserPasswordHash = PasswordHasher.Hash(UserPassword);

    /// <summary>Registers a client that can sign in (<see cref="UserPassword"/>); an internal one gets the admin role.</summary>
    public async Task<DashboardUserAccount> RegisterUserAsync(bool isInternal = false, string businessName = "Plomberie Test")
    {
        var clientId = Guid.NewGuid();
        var email = $"user-{clientId:N}@example.com";
        var apiKey = ApiKey.Generate();
        var registered = await Grains.GetGrain<IClientGrain>(clientId).RegisterAsync(new ClientRegistration
        {
            ApiKey = TestClients.Digest(apiKey),
            BusinessName = businessName,
            Email = email,
            Language = "fr",
            EmailTone = "Friendly",
            AllowedOrigins = ["https://plomberie.example.com"],
            PasswordHash = UserPasswordHash,
            IsInternal = isInternal,
        });
        return new DashboardUserAccount(clientId, email, apiKey, registered.Profile.FormKey);
    }

    /// <summary>
    /// A new cookie-keeping HTTP client: one simulated browser, from its own IP address (forwarded by the loopback
    /// "proxy" the API trusts here), so per-IP limits count each browser apart.
    /// </summary>
    public HttpClient NewBrowser(string? visitorAddress = null)
    {
        var browser = new HttpClient(
            new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = Http.BaseAddress,
        };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", visitorAddress ?? NewVisitorAddress());
        return browser;
    }

    /// <summary>A visitor IP address no other test uses (10.0.0.0/8, from a counter).</summary>
    public static string NewVisitorAddress()
    {
        var n = Interlocked.Increment(ref visitors);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    private static int visitors;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await factory.DisposeAsync();
        await clientHost.StopAsync();
        clientHost.Dispose();
        await Silo.DisposeAsync();
    }
}

/// <summary>A client that can sign in to the dashboard.</summary>
public sealed record DashboardUserAccount(Guid ClientId, string Email, string ApiKey, string FormKey);

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API on a cluster on PostgreSQL";
}

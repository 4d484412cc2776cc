using System.Globalization;
using Avenir.AppHost.Database;
using Microsoft.Extensions.Configuration;

namespace Avenir.AppHost;

/// <summary>The Orleans cluster (one or more silos) and the API in front of it.</summary>
internal static class ClusterExtensions
{
    private const string ServiceId = "avenir";

    /// <summary>
    /// Adds <c>--silos N</c> silos (default 1). They share a pinned ServiceId (grain state and reminders are
    /// keyed by it) and a ClusterId that is new for every run: a silo left "Active" in the membership table
    /// by an abrupt stop then belongs to an old cluster and never delays the next start.
    /// Set <c>Orleans:ClusterId</c> to join silos started elsewhere to this cluster. The AppHost's <c>Jobs:*</c>
    /// settings (e.g. <c>--Jobs:Workers=0</c>) are passed on to every silo.
    /// </summary>
    public static SiloCluster AddSiloCluster(
        this IDistributedApplicationBuilder builder,
        ApplicationDatabase database,
        DevelopmentSeed seed,
        MailServer? mail = null)
    {
        var count = builder.Configuration.GetValue("silos", 1);
        if (count is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(builder), count, "--silos must be between 1 and 16.");
        }

        var clusterId = builder.Configuration["Orleans:ClusterId"] ?? $"avenir-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var basePort = builder.Configuration.GetValue("Ports:Silo", 5090);
        var siloPort = builder.Configuration.GetValue("Ports:OrleansSilo", 11111);
        var gatewayPort = builder.Configuration.GetValue("Ports:OrleansGateway", 30000);
        // --silo-hosts=distinct: silo i listens on 127.0.0.(2+i) with the same ports as the others, as if each were its own
        // host (Linux routes all of 127/8 to loopback); the silos then meet only through the membership table.
        var distinctHosts = string.Equals(builder.Configuration["silo-hosts"], "distinct", StringComparison.OrdinalIgnoreCase);
        // --spare-silos=K: the last K silos wait for a Start command (the dashboard's, or a test's): a silo added to a
        // running cluster. The API does not wait for them.
        var spares = builder.Configuration.GetValue("spare-silos", 0);
        if (spares < 0 || spares >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(builder), spares, "--spare-silos must be between 0 and --silos - 1.");
        }

        var silos = new List<IResourceBuilder<ProjectResource>>();
        var spareSilos = new List<IResourceBuilder<ProjectResource>>();
        for (var i = 0; i < count; i++)
        {
            var offset = distinctHosts ? 0 : i;
            var silo = builder.AddProject<Projects.Avenir_Silo>(count == 1 ? "silo" : $"silo-{i}", options => options.ExcludeLaunchProfile = true)
                .WithHttpEndpoint(port: basePort + i, name: "http", isProxied: false)
                .WithOrleansEnvironment(clusterId, distinctHosts ? $"127.0.0.{2 + i}" : "127.0.0.1")
                .WithEnvironment("Orleans__Endpoints__SiloPort", (siloPort + offset).ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Orleans__Endpoints__GatewayPort", (gatewayPort + offset).ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Seed__DemoApiKey", seed.DemoApiKey)
                .WithEnvironment("Seed__AdminPassword", seed.AdminPassword)
                .WithEnvironment("Seed__DemoPassword", seed.DemoPassword)
                .WithEnvironment("Seed__DevelopmentProspects", "true")
                // The AppHost orchestrates a developer's machine: the dashboard is on (loopback callers only, the silo
                // decides) unless --Orleans:Dashboard:Enabled=false; a deployment sets it itself (docs/security.md).
                .WithEnvironment("Orleans__Dashboard__Enabled", builder.Configuration["Orleans:Dashboard:Enabled"] ?? "true")
                .WithReference(database.Application, ApplicationDatabase.ConnectionName)
                .WaitForCompletion(database.Migrator)
                .WithMailServer(mail)
                .WithDevelopmentOutreach(builder.Configuration, mail) // the demo campaign, sent to the mail server
                .WithConfigurationSection(builder.Configuration, "Jobs")
                .WithOutreachTracking(builder.Configuration, seed.TrackingKey)
                .WithHttpHealthCheck("/health")
                .WithUrlForEndpoint("http", url => url.DisplayText = "Orleans dashboard")
                .WithUrls(context =>
                {
                    foreach (var url in context.Urls)
                    {
                        if (url.DisplayText == "Orleans dashboard")
                        {
                            url.Url = url.Url.TrimEnd('/') + "/dashboard";
                        }
                    }
                });
            if (i >= count - spares)
            {
                spareSilos.Add(silo.WithExplicitStart());
            }
            else
            {
                silos.Add(silo);
            }
        }

        return new SiloCluster(clusterId, silos, spareSilos);
    }

    /// <summary>
    /// Adds the HTTP API (an Orleans client) on <c>Ports:Api</c> (default 5080), started once a silo is healthy.
    /// The AppHost's <c>Intake:*</c> settings are passed on to it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddApi(
        this IDistributedApplicationBuilder builder,
        ApplicationDatabase database,
        SiloCluster cluster)
    {
        var api = builder.AddProject<Projects.Avenir_Api>("api", options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: builder.Configuration.GetValue("Ports:Api", 5080), name: "http", isProxied: false)
            .WithOrleansEnvironment(cluster.ClusterId, "127.0.0.1")
            .WithReference(database.Application, ApplicationDatabase.ConnectionName)
            .WithHttpHealthCheck("/health")
            .WithExternalHttpEndpoints();
        foreach (var silo in cluster.Silos)
        {
            api.WaitFor(silo);
        }

        // Intake limits and windows (e.g. --Intake:PermitsPerKeyPerMinute=… for the benchmark) reach the API as Intake__*.
        // and sign-in limits (--SignIn:PermitsPerIpPerMinute=…, e.g. for the browser tests, which sign in from one address).
        return api.WithConfigurationSection(builder.Configuration, "Intake").WithConfigurationSection(builder.Configuration, "SignIn");
    }

    /// <summary>Passes the AppHost's configuration section <paramref name="section"/> on as environment variables (<c>Section__Name</c>).</summary>
    internal static IResourceBuilder<ProjectResource> WithConfigurationSection(
        this IResourceBuilder<ProjectResource> resource, IConfiguration configuration, string section)
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
        {
            if (value is not null)
            {
                resource.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return resource;
    }

    /// <summary>
    /// Outreach tracking links point at the API (<c>Ports:Api</c>) and are signed with the generated development key,
    /// unless the AppHost is given its own <c>Outreach:Tracking:*</c> settings, which are then passed on as they are.
    /// Silos refuse to compose outreach mail without them.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithOutreachTracking(
        this IResourceBuilder<ProjectResource> silo, IConfiguration configuration, IResourceBuilder<ParameterResource> developmentKey)
    {
        if (configuration["Outreach:Tracking:BaseUrl"] is not null)
        {
            return silo.WithConfigurationSection(configuration, "Outreach:Tracking");
        }

        var apiPort = configuration.GetValue("Ports:Api", 5080).ToString(CultureInfo.InvariantCulture);
        return silo
            .WithEnvironment("Outreach__Tracking__BaseUrl", $"http://localhost:{apiPort}")
            .WithEnvironment("Outreach__Tracking__CurrentKeyId", "1")
            .WithEnvironment("Outreach__Tracking__Keys__0__Id", "1")
            .WithEnvironment("Outreach__Tracking__Keys__0__Secret", developmentKey);
    }

    private static IResourceBuilder<ProjectResource> WithOrleansEnvironment(
        this IResourceBuilder<ProjectResource> resource, string clusterId, string advertisedAddress) =>
        resource
            .WithEnvironment("Orleans__ClusterId", clusterId)
            .WithEnvironment("Orleans__ServiceId", ServiceId)
            .WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", advertisedAddress);
}

/// <summary>The silos of one run and the ClusterId they formed; <paramref name="Spares"/> start only when told to.</summary>
internal sealed record SiloCluster(
    string ClusterId, IReadOnlyList<IResourceBuilder<ProjectResource>> Silos, IReadOnlyList<IResourceBuilder<ProjectResource>> Spares);

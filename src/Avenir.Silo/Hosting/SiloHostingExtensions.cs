using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Avenir.Silo.Faults;
using Orleans.Dashboard;

namespace Avenir.Silo.Hosting;

/// <summary>The silo's Orleans configuration: everything on PostgreSQL through the ADO.NET providers.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The grain storage provider every Avenir grain uses for state that has no table.</summary>
    public const string GrainStorageName = Avenir.Grains.GrainStorage.Name;

    private const string Invariant = "Npgsql";

    /// <summary>
    /// Clustering, grain storage and reminders on the application role's connection. The cluster and
    /// service ids and the ports come from configuration (<c>Orleans:*</c>, set by the AppHost); code says
    /// only what configuration cannot: which providers, and on which connection.
    /// </summary>
    public static IHostApplicationBuilder AddAvenirSilo(this IHostApplicationBuilder builder, DatabaseSettings database)
    {
        var orleans = builder.Configuration.GetSection("Orleans");
        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SiloReadiness>());
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessHealthCheck>("orleans-silo");
        // Prospecting's services (CSV reader of ProspectImportGrain, sources, form testing): grains resolve them, so every
        // silo, a test's included, has them (docs/prospects.md).
        builder.Services.AddProspects(builder.Configuration);
        // Outreach events feed each industry's performance grain (prospect_industry_performance, the scores' industry priority).
        builder.Services.AddSingleton<Avenir.Grains.Outreach.Campaigns.IOutreachEventSink, Avenir.Grains.Prospects.Industry.IndustryPerformanceEventSink>();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = orleans["ClusterId"] ?? "avenir-dev";
                options.ServiceId = orleans["ServiceId"] ?? "avenir";
            });
            var siloPort = orleans.GetValue("Endpoints:SiloPort", SiloEndpointDefaults.SiloPort);
            var gatewayPort = orleans.GetValue("Endpoints:GatewayPort", SiloEndpointDefaults.GatewayPort);
            if (SiloEndpointDefaults.IsKubernetes(orleans))
            {
                // In a pod (deploy/kubernetes): the pod's IP is advertised, the name is the pod's, and a silo whose pod is
                // gone is declared dead at once instead of after missed probes. The pod network policy is the fence.
                silo.Configure<EndpointOptions>(options => (options.SiloPort, options.GatewayPort) = (siloPort, gatewayPort));
                silo.UseKubernetesHosting();
            }
            else
            {
                // Listen on the advertised address only (loopback in development) unless told otherwise: a silo or gateway
                // port reachable from anywhere is a door into every tenant (docs/security.md).
                silo.ConfigureEndpoints(
                    IPAddress.Parse(orleans["Endpoints:AdvertisedIPAddress"] ?? "127.0.0.1"),
                    siloPort,
                    gatewayPort,
                    listenOnAnyHostAddress: orleans.GetValue("Endpoints:ListenOnAnyHostAddress", false));
            }

            silo.UseAvenirClusterTls(builder.Configuration);
            silo.AddAvenirProviders(database.ApplicationConnectionString);
            silo.DetectCrashedSilosWithinSeconds(); // a killed silo is dropped in ~3 s, within the API's retry budget
            if (SiloDashboard.IsEnabled(builder))
            {
                silo.AddDashboard();
            }
        });

        return builder;
    }

    /// <summary>
    /// The ADO.NET providers on PostgreSQL: membership, grain state and reminders, and the silo's intake queue the
    /// intake grains share. Shared by the silo host and the grain tests, so the tests run them exactly as configured
    /// in production.
    /// </summary>
    public static ISiloBuilder AddAvenirProviders(this ISiloBuilder silo, string applicationConnectionString, bool clustering = true)
    {
        if (clustering)
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = applicationConnectionString;
            });
        }

        silo.AddAdoNetGrainStorage(GrainStorageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = applicationConnectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = applicationConnectionString;
        });
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<Avenir.Grains.Leads.LeadIntakeQueue>(); // one intake queue per silo, for every client (decision 0014)
        silo.AddIncomingGrainCallFilter<DatabaseOutageCallFilter>(); // a PostgreSQL outage reaches callers as 503, not 500
        return silo;
    }
}

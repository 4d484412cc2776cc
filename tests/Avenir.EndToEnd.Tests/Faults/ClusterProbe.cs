using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>Finds the stack's processes and asks its services how they are, from outside, as an operator would.</summary>
public static class ClusterProbe
{
    private const string IntakeGrainType = "Avenir.Grains.Leads.LeadIntakeGrain";

    /// <summary>The silo resources of a <c>--silos=N</c> stack (<c>silo-0</c> … when N &gt; 1).</summary>
    public static string[] Silos(DistributedApplication app) =>
        [.. app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ProjectResource>()
            .Select(resource => resource.Name)
            .Where(name => name.StartsWith("silo", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>The process id DCP started for <paramref name="resource"/> (its <c>*.pid</c> property).</summary>
    public static int Pid(DistributedApplication app, string resource)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var state), $"{resource} has a state");
        var pid = state!.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The silo that runs the intake grain. The API sends every call to one grain through one gateway (Orleans buckets
    /// calls by grain id, for ordering), and a stateless worker runs on the silo that receives the call: so one client's
    /// intake all runs on one silo, and killing that one is the worst case. Read from the Orleans dashboard's counters.
    /// </summary>
    public static async Task<string?> IntakeSiloAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var silos = Silos(app);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var counters = await http.GetFromJsonAsync<JsonElement>(new Uri(app.GetEndpoint(silos[0], "http"), "/dashboard/DashboardCounters"), cancellationToken);
        var intake = counters.GetProperty("simpleGrainStats").EnumerateArray()
            .Where(stat => stat.GetProperty("grainType").GetString() == IntakeGrainType && stat.GetProperty("activationCount").GetInt32() > 0)
            .Select(stat => stat.GetProperty("siloAddress").GetString()!)
            .ToList();
        if (intake.Count != 1)
        {
            return null;
        }

        // "127.0.0.1:11112@123456": the silo port, which the AppHost gave each silo resource as Orleans__Endpoints__SiloPort.
        var port = intake[0].Split('@')[0].Split(':')[^1];
        return silos.FirstOrDefault(silo => app.ResourceNotifications.TryGetCurrentState(silo, out var state)
            && state.Snapshot.EnvironmentVariables.Any(v => v.Name == "Orleans__Endpoints__SiloPort" && v.Value == port));
    }

    /// <summary>Whether every one of <paramref name="resources"/> answers 200 on <c>/health</c> (its database check included).</summary>
    public static async Task<bool> AllHealthyAsync(DistributedApplication app, IEnumerable<string> resources, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var resource in resources)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(app.GetEndpoint(resource, "http"), "/health"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }
}

using Avenir.Api.Hosting;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Avenir.Api.Tests.Faults;

/// <summary>
/// The silo's failure detection and the API's grain-call timeout fit together: a call lost with a crashed silo times out in
/// the API, and by then the cluster has declared that silo dead, so the retry reaches a live one within the request's budget.
/// (The fault scenario in Avenir.EndToEnd.Tests measures it on the real stack.)
/// </summary>
public sealed class FailureDetectionTests
{
    [Fact]
    public void A_crashed_silo_is_declared_dead_before_the_api_gives_up_on_a_call_it_lost()
    {
        var silo = Host.CreateApplicationBuilder();
        silo.AddAvenirSilo(new DatabaseSettings("Host=unused", "Host=unused", DatabaseSettings.DefaultApplicationRole, null));
        using var host = silo.Build();
        var options = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

        // A crashed silo refuses each probe at once; probes come one period apart, the period's floor being the minimum probe
        // timeout; so the last of the missed probes that declare it dead comes at most this long after the crash.
        var worstDetection = options.MinProbeTimeout * options.NumMissedProbesLimit;

        Assert.True(worstDetection <= ApiHostingExtensions.GrainCallTimeout, $"a crashed silo is declared dead within {worstDetection}");
        Assert.True(ApiHostingExtensions.GrainCallTimeout < ClusterCallBudget.Budget, "a lost call leaves time to retry it");
    }
}

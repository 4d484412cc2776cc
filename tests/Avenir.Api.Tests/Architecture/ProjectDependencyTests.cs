using System.Reflection;

namespace Avenir.Api.Tests.Architecture;

/// <summary>
/// The layout docs/architecture.md describes, checked on the compiled assemblies: the API compiles against the grain
/// contracts and the shared infrastructure, never against a grain's implementation or the silo host; the contracts
/// depend on nothing of Avenir's. (The compiler records a reference only when a type of it is used.)
/// </summary>
public sealed class ProjectDependencyTests
{
    private static string[] AvenirReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(name => name.Name!)
            .Where(name => name.StartsWith("Avenir.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_api_references_the_contracts_and_the_infrastructure_but_no_grain_or_silo()
    {
        var api = typeof(Avenir.Api.Clients.ClientKeyDirectory).Assembly;

        Assert.Equal(["Avenir.Contracts", "Avenir.Infrastructure", "Avenir.ServiceDefaults"], AvenirReferences(api));
    }

    [Fact]
    public void The_contracts_reference_nothing_of_avenir_and_the_grains_no_host()
    {
        Assert.Empty(AvenirReferences(typeof(Avenir.Contracts.Leads.ILeadGrain).Assembly));
        Assert.Equal(["Avenir.Contracts", "Avenir.Infrastructure"], AvenirReferences(typeof(Avenir.Grains.Leads.LeadGrain).Assembly));
    }
}

using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>The silo's discovery sources and their quota use (implemented by the silo, which owns the HTTP clients).</summary>
public interface IProspectSourceCatalog
{
    IReadOnlyList<ProspectSourceStatus> Describe();
}

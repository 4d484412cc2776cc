using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>From the admin's definition to the discovery sources' query input.</summary>
public static class IcpMapping
{
    public static IdealCustomerProfile ToProfile(this IcpDefinition definition) => new(
        definition.Industries, [.. definition.Regions.Select(r => new IcpRegion(r.Country, r.Region, r.City))], definition.Languages,
        definition.MinEmployees, definition.MaxEmployees, definition.Keywords);
}

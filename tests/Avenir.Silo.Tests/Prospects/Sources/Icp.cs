using Avenir.Grains.Prospects;

namespace Avenir.Silo.Tests.Prospects.Sources;

internal static class Icp
{
    /// <summary>Small businesses of a few trades around Lévis and Québec City, French-speaking.</summary>
    public static readonly IdealCustomerProfile Levis = new(
        ["Dental", "construction"],
        [new IcpRegion("Canada", "Quebec", "Lévis"), new IcpRegion("Canada", "Quebec")],
        ["fr"],
        MinEmployees: 1,
        MaxEmployees: 50,
        Keywords: ["soumission"]);
}

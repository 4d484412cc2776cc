namespace Avenir.Silo.Prospects.Discovery;

/// <summary><c>Prospects:Discovery</c>: how far one discovery job pages through each source.</summary>
public sealed class ProspectDiscoveryOptions
{
    public const string Section = "Prospects:Discovery";

    /// <summary>Pages asked of each source per job (each page spends credits: PDL one per record, Apollo one per request).</summary>
    public int MaxPagesPerSource { get; set; } = 10;

    /// <summary>Companies asked per page (each source caps it: PDL and Apollo 100, Google 10).</summary>
    public int PageSize { get; set; } = 100;
}

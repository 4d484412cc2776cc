using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Tests.Intelligence;

/// <summary>Loads the shipped model and the MiniLM encoder once for all engine tests (about a second).</summary>
public sealed class EnrichmentEngineFixture : IDisposable
{
    public LocalEnrichmentEngine Engine { get; } = LocalEnrichmentEngine.Load();

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EnrichmentEngineCollection : ICollectionFixture<EnrichmentEngineFixture>
{
    public const string Name = "enrichment engine";
}

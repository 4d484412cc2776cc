using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Prospects;

/// <summary>The API fixture of the prospects tests (a database of their own: imports add many rows).</summary>
public sealed class ProspectApiFixture : ApiFixture;

[CollectionDefinition(Name)]
public sealed class ProspectApiCollection : ICollectionFixture<ProspectApiFixture>
{
    public const string Name = "prospects API on a cluster on PostgreSQL";
}

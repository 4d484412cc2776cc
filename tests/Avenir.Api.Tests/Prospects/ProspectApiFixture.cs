using Avenir.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Avenir.Api.Tests.Prospects;

/// <summary>The API fixture with prospecting registered on the silo as <c>Avenir.Silo</c>'s Program does (<c>AddProspects</c>).</summary>
public sealed class ProspectApiFixture : ApiFixture
{
    protected override void ConfigureSilo(IHostApplicationBuilder silo) => silo.Services.AddProspects(silo.Configuration);
}

[CollectionDefinition(Name)]
public sealed class ProspectApiCollection : ICollectionFixture<ProspectApiFixture>
{
    public const string Name = "prospects API on a cluster on PostgreSQL";
}

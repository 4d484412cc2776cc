using Avenir.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Avenir.Api.Tests.Faults;

/// <summary>The API on a silo whose grain calls can lose their answer (<see cref="HeldAnswers"/>).</summary>
public sealed class LostAnswerApiFixture : ApiFixture
{
    public HeldAnswers Answers { get; } = new();

    protected override void ConfigureSilo(IHostApplicationBuilder silo) => silo.Services.AddSingleton<IIncomingGrainCallFilter>(Answers);
}

[CollectionDefinition(Name)]
public sealed class LostAnswerCollection : ICollectionFixture<LostAnswerApiFixture>
{
    public const string Name = "API on a silo that loses answers";
}

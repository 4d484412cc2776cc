using Avenir.Api.Tests.Infrastructure;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// The fuzz suite's own API, silo and database: ten thousand hostile requests must not share rate-limit buckets, leads
/// or sessions with the other tests, nor slow their fixture. The per-key intake limit is set out of reach so that most
/// lead posts with a valid key get as far as validation (the per-key limit has its own tests).
/// </summary>
public sealed class FuzzApiFixture() : ApiFixture(permitsPerKeyPerMinute: 1_000_000);

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzApiFixture>
{
    public const string Name = "Fuzz: API on its own cluster and database";
}

namespace Avenir.Contracts.Prospects;

/// <summary>
/// The discovery sources as the silo that answers sees them (a stateless worker: it runs on the silo that takes the
/// call): which are configured and what they have spent against their limits. Quotas are counted per silo process.
/// </summary>
[Alias("Avenir.Contracts.Prospects.IProspectSourcesGrain")]
public interface IProspectSourcesGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<IReadOnlyList<ProspectSourceStatus>> GetAsync();
}

/// <summary>One discovery source (<c>pdl</c>, <c>apollo</c>, <c>google</c>) and its quota use; the counts are null when it is not configured.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.ProspectSourceStatus")]
public sealed record ProspectSourceStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Configured,
    [property: Id(2)] int? RequestsLastMinute,
    [property: Id(3)] int? RequestsPerMinute,
    [property: Id(4)] long? CreditsUsed,
    [property: Id(5)] int? CreditLimit,
    [property: Id(6)] DateTimeOffset? PeriodStart,
    [property: Id(7)] DateTimeOffset? BlockedUntil);

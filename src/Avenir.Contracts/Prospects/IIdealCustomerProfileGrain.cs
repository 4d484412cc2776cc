namespace Avenir.Contracts.Prospects;

/// <summary>A place of the ICP: a country as the sources write it (<c>canada</c>), optionally a province and a city.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.IcpPlace")]
public sealed record IcpPlace([property: Id(0)] string Country, [property: Id(1)] string? Region = null, [property: Id(2)] string? City = null);

/// <summary>The agency's ideal customer profile as an admin edits it (<c>prospect_icp</c>).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.IcpDefinition")]
public sealed record IcpDefinition
{
    [Id(0)] public IReadOnlyList<string> Industries { get; init; } = [];
    [Id(1)] public IReadOnlyList<IcpPlace> Regions { get; init; } = [];
    [Id(2)] public IReadOnlyList<string> Languages { get; init; } = [];
    [Id(3)] public int? MinEmployees { get; init; }
    [Id(4)] public int? MaxEmployees { get; init; }
    [Id(5)] public IReadOnlyList<string> Keywords { get; init; } = [];
    [Id(6)] public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>
/// The single writer of the agency's ICP row (key 0). It validates what it is given (<c>IcpValidation</c>) and refuses
/// an invalid definition with <see cref="ArgumentException"/>; the API validates first to answer 400.
/// </summary>
[Alias("Avenir.Contracts.Prospects.IIdealCustomerProfileGrain")]
public interface IIdealCustomerProfileGrain : IGrainWithIntegerKey
{
    /// <summary>The ICP, or null when none was defined yet.</summary>
    [Alias("Get")]
    Task<IcpDefinition?> GetAsync();

    /// <summary>Replaces the ICP (normalised: trimmed, lower-case, duplicates dropped); returns it as stored.</summary>
    [Alias("Set")]
    Task<IcpDefinition> SetAsync(IcpDefinition definition);
}

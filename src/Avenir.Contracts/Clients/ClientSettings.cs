namespace Avenir.Contracts.Clients;

/// <summary>The settings a client edits on the dashboard (validated by the API before they reach the grain).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientSettings")]
public sealed record class ClientSettings
{
    /// <summary><c>en</c> or <c>fr</c>.</summary>
    [Id(0)] public required string Language { get; init; }

    /// <summary>Professional, Friendly, Formal or Energetic.</summary>
    [Id(1)] public required string EmailTone { get; init; }
    [Id(2)] public bool AiPersonalizedReply { get; init; }
    [Id(3)] public string? BookingLink { get; init; }

    /// <summary>Normalised origins (<c>scheme://host[:port]</c>) allowed to post with the form key.</summary>
    [Id(4)] public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    [Id(5)] public string? ThankYouUrl { get; init; }
}

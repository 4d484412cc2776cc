namespace Avenir.Contracts.Clients;

/// <summary>A client's settings as the rest of the system sees them (no secrets, only key prefixes).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientProfile")]
public sealed record class ClientProfile
{
    [Id(0)] public required Guid ClientId { get; init; }
    [Id(1)] public required string BusinessName { get; init; }
    [Id(2)] public required string Email { get; init; }
    [Id(3)] public required string Language { get; init; }
    [Id(4)] public required string EmailTone { get; init; }
    [Id(5)] public bool AiPersonalizedReply { get; init; }
    [Id(6)] public string? BookingLink { get; init; }
    [Id(7)] public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    [Id(8)] public bool IsTest { get; init; }
    [Id(9)] public bool IsInternal { get; init; }
    [Id(10)] public required string ApiKeyPrefix { get; init; }
    [Id(11)] public DateTimeOffset? LastConnection { get; init; }
    [Id(12)] public DateTimeOffset CreatedAt { get; init; }
    [Id(13)] public string? Industry { get; init; }

    /// <summary>The publishable key for plain HTML forms: it only allows posts from <see cref="AllowedOrigins"/>.</summary>
    [Id(14)] public required string FormKey { get; init; }

    /// <summary>Where a plain HTML form post is redirected (303) after the lead is stored.</summary>
    [Id(15)] public string? ThankYouUrl { get; init; }

    /// <summary>When the client's auto-replies were paused (their hourly limit was reached); null while they are sent.</summary>
    [Id(16)] public DateTimeOffset? AutoReplyPausedAt { get; init; }

    /// <summary>Why they were paused (<c>AutoReplyReasons</c>).</summary>
    [Id(17)] public string? AutoReplyPauseReason { get; init; }

    /// <summary>Changes with every API-key or form-key rotation: a key look-up cached under another version is redone.</summary>
    [Id(18)] public int KeyVersion { get; init; }

    /// <summary>Changes with a password change or a role change: a session cookie of another version is refused.</summary>
    [Id(19)] public int SessionVersion { get; init; }
}

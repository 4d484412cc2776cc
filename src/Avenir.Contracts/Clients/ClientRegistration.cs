namespace Avenir.Contracts.Clients;

/// <summary>What an internal admin supplies to create a client.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Grains.Clients.ClientRegistration")]
public sealed record class ClientRegistration
{
    [Id(0)] public required string BusinessName { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public string Language { get; init; } = "en";
    [Id(3)] public string EmailTone { get; init; } = "Professional";
    [Id(4)] public bool AiPersonalizedReply { get; init; } = true;
    [Id(5)] public string? BookingLink { get; init; }
    [Id(6)] public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    [Id(7)] public bool IsTest { get; init; }
    [Id(8)] public bool IsInternal { get; init; }

    // Ids 9 and 10 carried a plaintext password and key: retired, never reused.

    [Id(11)] public string? Industry { get; init; }

    /// <summary>The login password's hash (<c>PasswordHasher</c>); <c>null</c> leaves the client without a password until one is set.</summary>
    [Id(12)] public string? PasswordHash { get; init; }

    /// <summary>The client's API key, made and shown by the caller.</summary>
    [Id(13)] public required ApiKeyDigest ApiKey { get; init; }
}

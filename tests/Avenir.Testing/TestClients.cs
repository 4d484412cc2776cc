using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Security;

namespace Avenir.Testing;

/// <summary>Registrations for test clients: unique emails, so tests never collide.</summary>
public static class TestClients
{
    /// <summary>A registration; <paramref name="apiKey"/> (a fresh key when omitted) reaches the grain as a digest only.</summary>
    public static ClientRegistration Registration(string name = "Clinique Dentaire Test", string language = "fr", string? apiKey = null) => new()
    {
        BusinessName = name,
        Email = $"owner-{Guid.NewGuid():N}@example.com",
        Language = language,
        EmailTone = "Friendly",
        AiPersonalizedReply = true,
        BookingLink = "https://cal.example.com/test",
        AllowedOrigins = ["https://clinic.example.com"],
        IsTest = true,
        ApiKey = Digest(apiKey ?? ApiKey.Generate()),
    };

    /// <summary>The digest a client grain stores for <paramref name="key"/>.</summary>
    public static ApiKeyDigest Digest(string key)
    {
        var (hash, prefix) = ApiKey.Digest(key);
        return new ApiKeyDigest(hash, prefix);
    }

    public static async Task<Guid> RegisterAsync(IGrainFactory grains, string name = "Clinique Dentaire Test")
    {
        var clientId = Guid.NewGuid();
        await grains.GetGrain<IClientGrain>(clientId).RegisterAsync(Registration(name));
        return clientId;
    }
}

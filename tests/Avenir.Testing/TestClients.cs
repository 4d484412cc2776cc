using Avenir.Contracts.Clients;

namespace Avenir.Testing;

/// <summary>Registrations for test clients: unique emails, so tests never collide.</summary>
public static class TestClients
{
    public static ClientRegistration Registration(string name = "Clinique Dentaire Test", string language = "fr") => new()
    {
        BusinessName = name,
        Email = $"owner-{Guid.NewGuid():N}@example.com",
        Language = language,
        EmailTone = "Friendly",
        AiPersonalizedReply = true,
        BookingLink = "https://cal.example.com/test",
        AllowedOrigins = ["https://clinic.example.com"],
        IsTest = true,
    };

    public static async Task<Guid> RegisterAsync(IGrainFactory grains, string name = "Clinique Dentaire Test")
    {
        var clientId = Guid.NewGuid();
        await grains.GetGrain<IClientGrain>(clientId).RegisterAsync(Registration(name));
        return clientId;
    }
}

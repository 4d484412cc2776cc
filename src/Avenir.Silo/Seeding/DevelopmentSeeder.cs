using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Security;

namespace Avenir.Silo.Seeding;

/// <summary>
/// Makes a fresh stack usable at once: a demo client (<c>is_test</c>) whose key is <c>Seed:DemoApiKey</c>,
/// an internal admin <c>admin@avenir.local</c> whose password is <c>Seed:AdminPassword</c>, and with
/// <c>Seed:Outreach:MailboxId</c> a demo outreach campaign sent through that mailbox (<see cref="OutreachDevelopmentSeed"/>). Runs when
/// the silo has started; does nothing for a seed value that is not configured. A client that exists keeps its data,
/// but the configured key and password are made current: the credentials printed at start are the ones that work,
/// even when they were changed since the database was first seeded.
/// </summary>
/// <remarks>Keys and passwords reach the grains as digests only, like everywhere else.</remarks>
public sealed class DevelopmentSeeder(
    IGrainFactory grains, TenantDatabase database, IConfiguration configuration, IHostApplicationLifetime lifetime, OutreachDevelopmentSeed outreach,
    TimeProvider time, ILogger<DevelopmentSeeder> logger)
    : BackgroundService
{
    public static readonly Guid DemoClientId = Guid.Parse("de300000-0000-4000-8000-000000000001");
    public static readonly Guid AdminClientId = Guid.Parse("ad000000-0000-4000-8000-000000000001");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo active; ApplicationStarted fires after every hosted service (Orleans included) started.
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);
        await SeedAttempts.RunUntilDoneAsync("clients", _ => SeedAsync(), SeedAttempts.WaitAfter, time, logger, stoppingToken);
    }

    private async Task SeedAsync()
    {
        if (configuration["Seed:DemoApiKey"] is { Length: > 0 } demoKey)
        {
            await EnsureClientAsync(DemoClientId, new ClientRegistration
            {
                BusinessName = "Demo Dental Clinic",
                Email = "demo@avenir.local",
                Language = "en",
                EmailTone = "Friendly",
                AiPersonalizedReply = true,
                BookingLink = "https://cal.example.com/demo-dental",
                AllowedOrigins = ["http://localhost:5080"],
                IsTest = true,
                ApiKey = Digest(demoKey),
                Industry = "dental",
            }, configuration["Seed:DemoPassword"]);
        }

        if (configuration["Seed:AdminPassword"] is { Length: > 0 } adminPassword)
        {
            await EnsureClientAsync(AdminClientId, new ClientRegistration
            {
                BusinessName = "Avenir AI Solutions",
                Email = "admin@avenir.local",
                IsInternal = true,
                AiPersonalizedReply = false,
                ApiKey = Digest(ApiKey.Generate()), // the admin posts no leads: a key nobody knows
            }, adminPassword);

            // After the admin: the demo campaign belongs to the agency's account.
            if (configuration["Seed:Outreach:MailboxId"] is { Length: > 0 } mailboxId)
            {
                await outreach.SeedAsync(AdminClientId, mailboxId);
            }
        }
    }

    private async Task EnsureClientAsync(Guid clientId, ClientRegistration registration, string? password)
    {
        var client = grains.GetGrain<IClientGrain>(clientId);
        if (await client.GetProfileAsync() is not null)
        {
            if (registration.IsTest && await client.EnsureApiKeyAsync(registration.ApiKey))
            {
                logger.LogInformation("Seed: {Email} now uses the configured API key", registration.Email);
            }

            // Only when it changed: a new hash ends the account's sessions, and every silo runs this at start.
            if (password is not null && await SeedQueries.PasswordHashAsync(database, clientId) is var current
                && (current is null || !PasswordHasher.Verify(password, current)))
            {
                await client.SetPasswordHashAsync(PasswordHasher.Hash(password));
                logger.LogInformation("Seed: {Email} now uses the configured password", registration.Email);
            }

            return;
        }

        await client.RegisterAsync(registration with { PasswordHash = password is null ? null : PasswordHasher.Hash(password) });
        logger.LogInformation("Seeded {Email} ({ClientId})", registration.Email, clientId);
    }

    private static ApiKeyDigest Digest(string key)
    {
        var (hash, prefix) = ApiKey.Digest(key);
        return new ApiKeyDigest(hash, prefix);
    }
}

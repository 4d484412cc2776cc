using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Contracts.Leads;
using Avenir.Grains.Growth;
using Avenir.Infrastructure.Security;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ClientGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Registered_client_is_stored_with_its_settings_and_a_hashed_key()
    {
        var clientId = Guid.NewGuid();
        var key = ApiKey.Generate();
        var registration = TestClients.Registration("Toitures Tremblay", apiKey: key);

        var registered = await fixture.Grains.GetGrain<IClientGrain>(clientId).RegisterAsync(registration);

        Assert.Equal(clientId, registered.Profile.ClientId);
        Assert.Equal("Toitures Tremblay", registered.Profile.BusinessName);
        Assert.Equal("fr", registered.Profile.Language);
        Assert.StartsWith(registered.Profile.ApiKeyPrefix, key, StringComparison.Ordinal);
        Assert.True(key.Length >= 30, "a key must carry at least 128 random bits");

        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT api_key_hash, business_name FROM clients WHERE client_id = $1", connection)
        {
            Parameters = { new() { Value = clientId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(ApiKey.Hash(key), reader.GetString(0));
        Assert.NotEqual(key, reader.GetString(0));
    }

    [Fact]
    public async Task A_configured_key_replaces_the_stored_one_once_and_the_old_key_stops_working()
    {
        var clientId = Guid.NewGuid();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var first = ApiKey.Generate();
        await client.RegisterAsync(TestClients.Registration("Plomberie Gagnon", apiKey: first));
        var configured = ApiKey.Generate();

        Assert.True(await client.EnsureApiKeyAsync(TestClients.Digest(configured)));
        Assert.False(await client.EnsureApiKeyAsync(TestClients.Digest(configured))); // already current: nothing to write
        Assert.Equal(ApiKey.Prefix(configured), (await client.GetProfileAsync())!.ApiKeyPrefix);

        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT api_key_hash, previous_api_key_hash FROM clients WHERE client_id = $1", connection)
        {
            Parameters = { new() { Value = clientId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(ApiKey.Hash(configured), reader.GetString(0));
        Assert.True(reader.IsDBNull(1), "the replaced key must not stay valid");
        Assert.NotEqual(ApiKey.Hash(first), reader.GetString(0));
    }

    [Fact]
    public async Task The_grain_refuses_a_plaintext_password_or_key_and_stores_nothing()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SetPasswordHashAsync("correct horse battery staple"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.EnsureApiKeyAsync(new ApiKeyDigest("avk_plaintext_key_0123456789", "avk_plai")));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<IClientGrain>(Guid.NewGuid())
            .RegisterAsync(TestClients.Registration() with { PasswordHash = "a password in clear" }));

        Assert.Equal(1, await OwnerSql.ScalarAsync(fixture.Database,
            "SELECT count(*)::int FROM clients WHERE client_id = $1 AND password_hash IS NULL", clientId));
    }

    [Fact]
    public void No_grain_method_takes_a_password_or_a_key_in_clear()
    {
        var parameters = typeof(IClientGrain).Assembly.GetTypes()
            .Where(type => type.IsInterface && typeof(IGrain).IsAssignableFrom(type))
            .SelectMany(type => type.GetMethods())
            .SelectMany(method => method.GetParameters().Select(parameter => $"{method.DeclaringType!.Name}.{method.Name}({parameter.Name})"))
            .ToList();

        Assert.NotEmpty(parameters);
        Assert.DoesNotContain(parameters, p => p.EndsWith("(password)", StringComparison.OrdinalIgnoreCase)
            || p.EndsWith("(newPassword)", StringComparison.OrdinalIgnoreCase) || p.EndsWith("(apiKey)", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Registering_the_same_client_twice_is_refused()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.Grains.GetGrain<IClientGrain>(clientId).RegisterAsync(TestClients.Registration()));
    }

    [Fact]
    public async Task Unknown_client_has_no_profile()
    {
        Assert.Null(await fixture.Grains.GetGrain<IClientGrain>(Guid.NewGuid()).GetProfileAsync());
    }

    [Fact]
    public async Task Leads_created_by_intake_update_last_connection_and_the_live_counters_without_a_recount()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var first = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, (await client.GetDashboardStatsAsync()).Total); // counted by SQL once: no lead rows

        await client.RecordLeadsCreatedAsync([new LeadStatus { ReceivedAt = first }]);
        await client.RecordLeadsCreatedAsync([new LeadStatus { ReceivedAt = first.AddMinutes(-5) }]);

        var stats = await client.GetDashboardStatsAsync(); // one-way calls are processed in order: this answers after both
        Assert.Equal(2, stats.Total);
        Assert.Equal(first, stats.LastLeadAt);
        Assert.Equal(first, (await client.GetProfileAsync())!.LastConnection);
    }
}

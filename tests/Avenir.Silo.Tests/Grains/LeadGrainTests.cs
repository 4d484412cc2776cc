using Avenir.Contracts.Leads;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class LeadGrainTests(ClusterFixture fixture)
{
    private static LeadSubmission Submission(string message = "Bonjour, j'aimerais un rendez-vous pour un nettoyage.") => new()
    {
        Name = "Marie Tremblay",
        Email = "marie@example.ca",
        Message = message,
        Phone = "514-555-0101",
        Metadata = new Dictionary<string, string> { ["utm_source"] = "google" },
    };

    [Fact]
    public async Task Created_lead_is_stored_with_a_created_action_in_the_same_transaction()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var leadId = Guid.NewGuid();

        var lead = await fixture.Grains.GetLeadGrain(clientId, leadId).CreateAsync(Submission());

        Assert.Equal(leadId, lead.Id);
        Assert.Equal(clientId, lead.ClientId);
        Assert.Equal("Marie Tremblay", lead.Name);
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM lead_memory WHERE id = $1), (SELECT string_agg(action_type, ',') FROM lead_actions WHERE lead_id = $1)", connection)
        {
            Parameters = { new() { Value = leadId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal("created", reader.GetString(1));
    }

    [Fact]
    public async Task Creating_the_same_lead_twice_stores_it_once()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var lead = fixture.Grains.GetLeadGrain(clientId, Guid.NewGuid());

        var first = await lead.CreateAsync(Submission());
        var second = await lead.CreateAsync(Submission("a different body must not overwrite the stored lead"));

        Assert.Equal(first, second);
        Assert.Equal(Submission().Message, second.Message);
    }

    [Fact]
    public async Task Another_clients_lead_is_not_found_through_a_grain_addressed_with_the_wrong_client()
    {
        var owner = await TestClients.RegisterAsync(fixture.Grains);
        var intruder = await TestClients.RegisterAsync(fixture.Grains);
        var leadId = Guid.NewGuid();
        await fixture.Grains.GetLeadGrain(owner, leadId).CreateAsync(Submission());

        Assert.Null(await fixture.Grains.GetLeadGrain(intruder, leadId).GetAsync());
        Assert.NotNull(await fixture.Grains.GetLeadGrain(owner, leadId).GetAsync());
    }
}

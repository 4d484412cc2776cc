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

    private static LeadIntake Intake(LeadSubmission lead, string idempotencyKey) => new()
    {
        Lead = lead,
        IdempotencyKey = idempotencyKey,
        RequestHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lead.Message))),
        Request = new IntakeRequestLog { MaskedKey = "avk_test****", AuthMethod = "api_key", Endpoint = "/api/lead" },
    };

    [Fact]
    public async Task A_lead_committed_by_intake_is_its_grains_snapshot_with_a_created_action_in_the_same_transaction()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);

        var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, Submission());
        var lead = (await fixture.Grains.GetLeadGrain(clientId, leadId).GetAsync())!;

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
        Assert.Equal(LeadActionTypes.Created, reader.GetString(1));
    }

    [Fact]
    public async Task A_second_submission_under_the_same_idempotency_key_leaves_the_stored_lead_as_it_was()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);

        var first = await intake.SubmitAsync(Intake(Submission(), "key-1"));
        var before = await fixture.Grains.GetLeadGrain(clientId, first.LeadId).GetAsync();
        var second = await intake.SubmitAsync(Intake(Submission("a different body must not overwrite the stored lead"), "key-1"));
        var after = await fixture.Grains.GetLeadGrain(clientId, first.LeadId).GetAsync();

        Assert.Equal((LeadIntakeOutcome.Created, LeadIntakeOutcome.IdempotencyKeyReused), (first.Outcome, second.Outcome));
        Assert.Equal(before, after);
        Assert.Equal(Submission().Message, after!.Message);
    }

    [Fact]
    public async Task Another_clients_lead_is_not_found_through_a_grain_addressed_with_the_wrong_client()
    {
        var owner = await TestClients.RegisterAsync(fixture.Grains);
        var intruder = await TestClients.RegisterAsync(fixture.Grains);
        var leadId = await TestLeads.SubmitAsync(fixture.Grains, owner, Submission());

        Assert.Null(await fixture.Grains.GetLeadGrain(intruder, leadId).GetAsync());
        Assert.NotNull(await fixture.Grains.GetLeadGrain(owner, leadId).GetAsync());
    }
}

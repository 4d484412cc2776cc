using Avenir.Contracts.Leads;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Database;

/// <summary>The second wall between tenants: PostgreSQL itself, whatever the application code asks.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RowLevelSecurityTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_connection_set_to_one_client_sees_none_of_another_clients_rows()
    {
        var (clientA, leadA) = await ClientWithLeadAsync("Client A");
        var (clientB, leadB) = await ClientWithLeadAsync("Client B");
        var database = Database();

        await using var transaction = await database.BeginForClientAsync(clientA);
        var leads = await IdsAsync(transaction, "SELECT id FROM lead_memory");
        var actions = await IdsAsync(transaction, "SELECT lead_id FROM lead_actions");
        var clients = await IdsAsync(transaction, "SELECT client_id FROM clients");

        Assert.Contains(leadA, leads);
        Assert.DoesNotContain(leadB, leads);
        Assert.All(actions, lead => Assert.NotEqual(leadB, lead));
        Assert.Equal([clientA], clients);
        Assert.DoesNotContain(clientB, clients);
    }

    [Fact]
    public async Task A_connection_with_no_tenant_set_sees_no_tenant_rows()
    {
        await ClientWithLeadAsync("Client C");
        await using var connection = await Database().DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM lead_memory) + (SELECT count(*) FROM clients)", connection);

        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_connection_set_to_one_client_cannot_write_a_row_for_another()
    {
        var (clientA, _) = await ClientWithLeadAsync("Client D");
        var (clientB, _) = await ClientWithLeadAsync("Client E");

        await using var transaction = await Database().BeginForClientAsync(clientA);
        var error = await Assert.ThrowsAsync<PostgresException>(() => transaction.ExecuteAsync(
            "INSERT INTO lead_memory (id, client_id, name, email, message, dedupe_hash) "
            + "VALUES (@id, @clientB, 'x', 'x@example.com', 'planted', repeat('a', 64))",
            new { id = Guid.NewGuid(), clientB }));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // "new row violates row-level security policy"
    }

    [Fact]
    public async Task Another_clients_rows_cannot_be_updated_or_deleted()
    {
        var (clientA, _) = await ClientWithLeadAsync("Client F");
        var (_, leadB) = await ClientWithLeadAsync("Client G");

        await using (var transaction = await Database().BeginForClientAsync(clientA))
        {
            Assert.Equal(0, await transaction.ExecuteAsync("UPDATE lead_memory SET message = 'tampered' WHERE id = @leadB", new { leadB }));
            Assert.Equal(0, await transaction.ExecuteAsync("DELETE FROM lead_actions WHERE lead_id = @leadB", new { leadB }));
            await transaction.CommitAsync();
        }

        await using var system = await Database().BeginForSystemAsync();
        Assert.NotEqual("tampered", await system.ExecuteScalarAsync<string>("SELECT message FROM lead_memory WHERE id = @leadB", new { leadB }));
    }

    [Fact]
    public async Task Setting_the_old_system_flag_in_a_client_transaction_grants_nothing()
    {
        // Before V40 any transaction could write avenir.role = 'system' and see every tenant.
        var (clientA, _) = await ClientWithLeadAsync("Client H");
        var (_, leadB) = await ClientWithLeadAsync("Client I");

        await using var transaction = await Database().BeginForClientAsync(clientA);
        await transaction.ExecuteAsync("SELECT set_config('avenir.role', 'system', true)");
        var leads = await IdsAsync(transaction, "SELECT id FROM lead_memory");

        Assert.DoesNotContain(leadB, leads);
        Assert.Equal([clientA], await IdsAsync(transaction, "SELECT client_id FROM clients"));
    }

    [Fact]
    public async Task System_work_is_the_system_role_and_sees_every_tenant()
    {
        var (_, leadA) = await ClientWithLeadAsync("Client J");
        var (_, leadB) = await ClientWithLeadAsync("Client K");

        await using var system = await Database().BeginForSystemAsync();
        var leads = await IdsAsync(system, "SELECT id FROM lead_memory");

        Assert.Contains(leadA, leads);
        Assert.Contains(leadB, leads);
        Assert.Equal("avenir_app_system", await system.ExecuteScalarAsync<string>("SELECT current_user::text"));
    }

    private TenantDatabase Database() => new(NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString));

    private async Task<(Guid Client, Guid Lead)> ClientWithLeadAsync(string name)
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains, name);
        var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, new LeadSubmission
        {
            Name = "Visitor",
            Email = "visitor@example.com",
            Message = $"A lead for {name}",
        });
        return (clientId, leadId);
    }

    private static Task<IReadOnlyList<Guid>> IdsAsync(TenantTransaction transaction, string sql) => transaction.QueryAsync<Guid>(sql);
}

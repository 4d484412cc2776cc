using Avenir.Infrastructure.Database;
using Avenir.Contracts.Leads;
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
        await using var insert = transaction.Command(
            "INSERT INTO lead_memory (id, client_id, name, email, message, dedupe_hash) VALUES ($1, $2, 'x', 'x@example.com', 'planted', repeat('a', 64))",
            Guid.NewGuid(), clientB);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // "new row violates row-level security policy"
    }

    [Fact]
    public async Task Another_clients_rows_cannot_be_updated_or_deleted()
    {
        var (clientA, _) = await ClientWithLeadAsync("Client F");
        var (_, leadB) = await ClientWithLeadAsync("Client G");

        await using (var transaction = await Database().BeginForClientAsync(clientA))
        {
            await using var update = transaction.Command("UPDATE lead_memory SET message = 'tampered' WHERE id = $1", leadB);
            await using var delete = transaction.Command("DELETE FROM lead_actions WHERE lead_id = $1", leadB);
            Assert.Equal(0, await update.ExecuteNonQueryAsync());
            Assert.Equal(0, await delete.ExecuteNonQueryAsync());
            await transaction.CommitAsync();
        }

        await using var system = await Database().BeginForSystemAsync();
        await using var read = system.Command("SELECT message FROM lead_memory WHERE id = $1", leadB);
        Assert.NotEqual("tampered", await read.ExecuteScalarAsync());
    }

    private TenantDatabase Database() => new(NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString));

    private async Task<(Guid Client, Guid Lead)> ClientWithLeadAsync(string name)
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains, name);
        var leadId = Guid.NewGuid();
        await fixture.Grains.GetLeadGrain(clientId, leadId).CreateAsync(new LeadSubmission
        {
            Name = "Visitor",
            Email = "visitor@example.com",
            Message = $"A lead for {name}",
        });
        return (clientId, leadId);
    }

    private static async Task<List<Guid>> IdsAsync(TenantTransaction transaction, string sql)
    {
        await using var command = transaction.Command(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}

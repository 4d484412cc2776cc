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
    public async Task A_transaction_that_changes_client_cannot_write_the_first_clients_row_under_the_second_clients_scope()
    {
        // Cross-client intake (decision 0014): one transaction, one tenant scope per client's statements.
        var (clientA, _) = await ClientWithLeadAsync("Client S1");
        var (clientB, _) = await ClientWithLeadAsync("Client S2");

        await using var transaction = await Database().BeginPipelineForClientAsync(clientA);
        await using var first = transaction.Batch();
        await using (await first.ExecuteReaderAsync())
        {
        }

        await using var second = transaction.Batch();
        Assert.True(transaction.ScopeTo(second, clientB));
        second.Add(PlantedLead, Guid.NewGuid(), clientA); // A's row, now under B's scope
        var error = await Assert.ThrowsAsync<PostgresException>(() => transaction.CommitWithAsync(second));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // "new row violates row-level security policy"
    }

    [Fact]
    public async Task A_transaction_that_changes_client_writes_and_sees_each_clients_rows_only_under_that_clients_scope()
    {
        var (clientA, _) = await ClientWithLeadAsync("Client S3");
        var (clientB, _) = await ClientWithLeadAsync("Client S4");
        var (leadA, leadB) = (Guid.NewGuid(), Guid.NewGuid());

        await using (var transaction = await Database().BeginPipelineForClientAsync(clientA))
        {
            await using var first = transaction.Batch();
            first.Add(PlantedLead, leadA, clientA);
            await using (await first.ExecuteReaderAsync())
            {
            }

            await using var second = transaction.Batch();
            Assert.False(transaction.ScopeTo(second, clientA)); // already A's: no statement added
            Assert.True(transaction.ScopeTo(second, clientB));
            second.Add("SELECT count(*) FROM lead_memory WHERE id = $1", leadA);
            await using (var reader = await second.ExecuteReaderAsync())
            {
                await reader.NextResultAsync(); // past the scope statement's row
                await reader.ReadAsync();
                Assert.Equal(0L, reader.GetInt64(0)); // B cannot see A's new row, in the same transaction
            }

            await using var third = transaction.Batch();
            third.Add(PlantedLead, leadB, clientB);
            await transaction.CommitWithAsync(third);
        }

        await using var system = await Database().BeginForSystemAsync();
        Assert.Equal(clientA, await system.ExecuteScalarAsync<Guid>("SELECT client_id FROM lead_memory WHERE id = @leadA", new { leadA }));
        Assert.Equal(clientB, await system.ExecuteScalarAsync<Guid>("SELECT client_id FROM lead_memory WHERE id = @leadB", new { leadB }));
    }

    private const string PlantedLead =
        "INSERT INTO lead_memory (id, client_id, name, email, message, dedupe_hash) VALUES ($1, $2, 'x', 'x@example.com', 'planted', repeat('a', 64))";

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

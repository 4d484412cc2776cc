using Avenir.Contracts.Leads;
using Avenir.Grains.Leads;
using Avenir.Silo.Tests.Infrastructure;
using Avenir.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Avenir.Silo.Tests.Grains;

/// <summary>
/// Intake's group commit (decision 0007): the writer commits a group of submissions in one transaction, each with
/// its action, request log and two jobs, a bad one failing alone; through <see cref="ILeadIntakeGrain"/>, concurrent
/// submissions keep every rule of a single submission however they are grouped. (The rules themselves, in memory:
/// <see cref="LeadIntakePlanTests"/>.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeadIntakeGrainTests(ClusterFixture fixture)
{
    private static LeadIntake Intake(string email, string message, string? idempotencyKey = null, string? language = null) => new()
    {
        Lead = new LeadSubmission { Name = "Marie Tremblay", Email = email, Message = message, Language = language },
        IdempotencyKey = idempotencyKey,
        RequestHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email + message))),
        Request = new IntakeRequestLog { MaskedKey = "avk_test…", AuthMethod = "api_key", Endpoint = "/api/lead", IpAddress = "203.0.113.7" },
    };

    private static LeadIntake Unique(int n) => Intake($"visitor{n}@example.ca", $"Lead {n}: do you have openings on Saturday? ({Guid.NewGuid():N})");

    [Fact]
    public async Task A_group_is_committed_in_one_transaction_each_lead_with_its_action_request_log_and_two_jobs()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var leads = Enumerable.Range(0, 30).Select(n => Pending(clientId, Unique(n))).ToArray();
        var told = new List<PendingLead>();

        await WriteAsync(leads, told);

        var results = await Task.WhenAll(leads.Select(l => l.Answer));
        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome));
        var ids = results.Select(r => r.LeadId).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        var counts = await CountsAsync(ids);
        Assert.Equal((30L, 30L, 30L, 60L, 1L), (counts.Leads, counts.Created, counts.Logs, counts.Jobs, counts.Transactions));
        Assert.Equal(leads, told); // the client's grain hears of every created lead, once
    }

    [Fact]
    public async Task A_lead_the_database_refuses_fails_alone_and_the_others_of_its_group_are_stored()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        // A NUL character passes the grain but not PostgreSQL's text: the whole transaction fails, then each lead is retried alone.
        var bad = Pending(clientId, Intake("hans@example.de", "Guten\u0000Tag"));
        var good = Enumerable.Range(10, 16).Select(n => Pending(clientId, Unique(n))).ToArray();
        var told = new List<PendingLead>();

        await WriteAsync([.. good[..8], bad, .. good[8..]], told);

        await Assert.ThrowsAnyAsync<Exception>(() => bad.Answer);
        var results = await Task.WhenAll(good.Select(l => l.Answer));
        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome));
        Assert.Equal((16L, 16L, 16L, 32L),
            (await CountsAsync(results.Select(r => r.LeadId).ToArray()) is var c ? (c.Leads, c.Created, c.Logs, c.Jobs) : default));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND email = 'hans@example.de'", clientId));
        Assert.Equal(good, told);
    }

    [Fact]
    public async Task Leads_of_many_clients_share_one_transaction_and_every_row_is_written_under_its_own_client()
    {
        var clients = new[] { await TestClients.RegisterAsync(fixture.Grains), await TestClients.RegisterAsync(fixture.Grains),
            await TestClients.RegisterAsync(fixture.Grains) };
        var leads = Enumerable.Range(0, 15).Select(n => Pending(clients[n % 3], Unique(100 + n))).ToArray(); // interleaved, as they arrive
        var told = new List<PendingLead>();

        await WriteAsync(leads, told);

        var results = await Task.WhenAll(leads.Select(l => l.Answer));
        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome));
        var counts = await CountsAsync([.. results.Select(r => r.LeadId)]);
        Assert.Equal((15L, 15L, 15L, 30L, 1L), (counts.Leads, counts.Created, counts.Logs, counts.Jobs, counts.Transactions));
        foreach (var (lead, result) in leads.Zip(results))
        {
            // Every row of the lead carries its own client: the lead, its action, its request log and both jobs' payloads.
            Assert.Equal(5L, await ScalarAsync(
                """
                SELECT (SELECT count(*) FROM lead_memory WHERE id = $2 AND client_id = $1)
                     + (SELECT count(*) FROM lead_actions WHERE lead_id = $2 AND client_id = $1)
                     + (SELECT count(*) FROM integration_logs WHERE lead_id = $2 AND client_id = $1)
                     + (SELECT count(*) FROM queue_jobs WHERE dedupe_key = $2::text AND payload ->> 'clientId' = $1::text)
                """, lead.ClientId, result.LeadId));
        }

        Assert.Equal(leads.OrderBy(l => l.ClientId).ThenBy(l => l.LeadId), told.OrderBy(l => l.ClientId).ThenBy(l => l.LeadId));
    }

    [Fact]
    public async Task The_same_lead_sent_to_two_clients_in_one_transaction_is_a_new_lead_of_each()
    {
        var first = await TestClients.RegisterAsync(fixture.Grains);
        var second = await TestClients.RegisterAsync(fixture.Grains);
        var same = Intake("anne@example.ca", "Bonjour, avez-vous des disponibilités samedi?", idempotencyKey: "shared-form-key");
        PendingLead[] leads = [Pending(first, same), Pending(second, same)];

        await WriteAsync(leads, []);

        var results = await Task.WhenAll(leads.Select(l => l.Answer));
        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome)); // neither a duplicate nor a replay of the other client's
        Assert.NotEqual(results[0].LeadId, results[1].LeadId);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND id = $2", first, results[0].LeadId));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND id = $2", second, results[1].LeadId));
    }

    [Fact]
    public async Task Duplicates_of_several_clients_in_one_transaction_are_each_merged_into_their_own_clients_lead()
    {
        var clients = new[] { await TestClients.RegisterAsync(fixture.Grains), await TestClients.RegisterAsync(fixture.Grains),
            await TestClients.RegisterAsync(fixture.Grains) };
        var same = Intake("ines@example.ca", "Avez-vous de la place jeudi soir?");
        PendingLead[] firsts = [.. clients.Select(c => Pending(c, same))];
        await WriteAsync(firsts, []);
        var stored = await Task.WhenAll(firsts.Select(l => l.Answer));

        PendingLead[] again = [.. clients.Select(c => Pending(c, same)), Pending(clients[1], Unique(400))];
        await WriteAsync(again, []);

        var results = await Task.WhenAll(again.Select(l => l.Answer));
        for (var i = 0; i < clients.Length; i++)
        {
            // Each found by the one multi-client search under its own client's scope: its own client's lead, not another's.
            Assert.Equal((LeadIntakeOutcome.Duplicate, stored[i].LeadId), (results[i].Outcome, results[i].LeadId));
            Assert.Equal(1L, await ScalarAsync(
                "SELECT duplicate_count::bigint FROM lead_memory WHERE client_id = $1 AND id = $2", clients[i], stored[i].LeadId));
        }

        Assert.Equal(LeadIntakeOutcome.Created, results[3].Outcome);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND id = $2", clients[1], results[3].LeadId));
    }

    [Fact]
    public async Task A_new_lead_put_in_another_clients_plan_is_refused_by_PostgreSQL_in_the_multi_client_insert()
    {
        // The second wall (decision 0014, second pass): the one insert of every client's leads scopes each row to the
        // client whose plan created it; a lead of A in B's plan is written with client A under B's scope, and refused.
        var (clientA, clientB) = (await TestClients.RegisterAsync(fixture.Grains), await TestClients.RegisterAsync(fixture.Grains));
        var (ofA, ofB) = (Pending(clientA, Unique(500)), Pending(clientB, Unique(501)));
        var none = new Dictionary<string, LeadIntakeRows.Earlier>();
        (Guid, LeadIntakePlan)[] plans = [(clientA, LeadIntakePlan.Resolve([], none, none)), (clientB, LeadIntakePlan.Resolve([ofB, ofA], none, none))];

        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var transaction = await new TenantDatabase(dataSource).BeginPipelineForClientAsync(clientA);
            await LeadIntakeRows.WriteAndCommitAsync(transaction, plans);
        });

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // "new row violates row-level security policy"
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE id = ANY($1)", new[] { ofA.LeadId, ofB.LeadId }));
    }

    [Fact]
    public async Task A_search_for_a_clients_lead_under_another_clients_scope_fails_rather_than_missing_it()
    {
        var (clientA, clientB) = (await TestClients.RegisterAsync(fixture.Grains), await TestClients.RegisterAsync(fixture.Grains));
        var same = Intake("noe@example.ca", "Do you deliver to Gatineau?", idempotencyKey: "search-scope-key");
        await WriteAsync([Pending(clientA, same)], []);
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);
        var database = new TenantDatabase(dataSource);

        await using (var transaction = await database.BeginPipelineForClientAsync(clientA))
        {
            var found = Assert.Single(await LeadIntakeSearchRows.LockAndFindEarlierAsync(transaction, [new(clientA, [Pending(clientA, same)])]));
            Assert.Single(found.ByKey);
            Assert.Single(found.ByContent);
        }

        // A's submission in B's group is searched under B's scope, where row-level security hides A's lead: the search says so.
        await using var misplaced = await database.BeginPipelineForClientAsync(clientB);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => LeadIntakeSearchRows.LockAndFindEarlierAsync(misplaced, [new(clientB, [Pending(clientA, same)])]));
    }

    [Fact]
    public async Task A_lead_the_database_refuses_fails_alone_and_the_leads_of_other_clients_in_its_transaction_are_stored()
    {
        var clients = new[] { await TestClients.RegisterAsync(fixture.Grains), await TestClients.RegisterAsync(fixture.Grains) };
        var bad = Pending(clients[1], Intake("hans@example.de", "Guten\u0000Tag"));
        var good = Enumerable.Range(200, 10).Select(n => Pending(clients[n % 2], Unique(n))).ToArray();
        var told = new List<PendingLead>();

        await WriteAsync([.. good[..5], bad, .. good[5..]], told);

        await Assert.ThrowsAnyAsync<Exception>(() => bad.Answer); // its own error, to its own sender
        var results = await Task.WhenAll(good.Select(l => l.Answer));
        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome));
        foreach (var (lead, result) in good.Zip(results))
        {
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND id = $2", lead.ClientId, result.LeadId));
        }

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND email = 'hans@example.de'", clients[1]));
        Assert.Equal(good, told);
    }

    [Fact]
    public async Task Concurrent_posts_with_one_idempotency_key_and_body_store_one_lead_and_replay_it()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);
        var same = Intake("paul@example.ca", "Pouvez-vous me rappeler demain?", idempotencyKey: "form-123");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => intake.SubmitAsync(same)));

        var created = Assert.Single(results, r => r.Outcome == LeadIntakeOutcome.Created);
        Assert.All(results.Where(r => r != created),
            r => Assert.Equal((LeadIntakeOutcome.Replayed, created.LeadId, created.ReceivedAt), (r.Outcome, r.LeadId, r.ReceivedAt)));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND idempotency_key = 'form-123'", clientId));
    }

    [Fact]
    public async Task Concurrent_posts_with_one_idempotency_key_and_other_bodies_store_one_lead_and_refuse_the_rest()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);

        var results = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(n => intake.SubmitAsync(Intake($"body{n}@example.ca", $"Body {n}", idempotencyKey: "reused-key"))));

        var created = Assert.Single(results, r => r.Outcome == LeadIntakeOutcome.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal((LeadIntakeOutcome.IdempotencyKeyReused, created.LeadId), (r.Outcome, r.LeadId)));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId));
    }

    [Fact]
    public async Task Identical_concurrent_leads_are_stored_once_and_the_others_merged_into_it()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);
        var doubleClick = Intake("luc@example.ca", "Bonjour,   j'aimerais une soumission.");

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => intake.SubmitAsync(doubleClick)));

        var created = Assert.Single(results, r => r.Outcome == LeadIntakeOutcome.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal((LeadIntakeOutcome.Duplicate, created.LeadId), (r.Outcome, r.LeadId)));
        Assert.Equal(4L, await ScalarAsync("SELECT duplicate_count::bigint FROM lead_memory WHERE client_id = $1 AND id = $2", clientId, created.LeadId));
        Assert.Equal(4L, await ScalarAsync(
            "SELECT count(*) FROM lead_actions WHERE client_id = $1 AND lead_id = $2 AND action_type = 'duplicate_merged'", clientId, created.LeadId));
        Assert.Equal(1L, await ScalarAsync(
            "SELECT count(*) FROM queue_jobs WHERE dedupe_key = $1::text AND job_type = 'lead_enrichment'", created.LeadId.ToString()));
    }

    [Fact]
    public async Task Concurrent_leads_of_two_clients_are_each_stored_under_their_own_client_and_counted_by_it_before_the_answer()
    {
        var first = await TestClients.RegisterAsync(fixture.Grains);
        var second = await TestClients.RegisterAsync(fixture.Grains);

        var clients = Enumerable.Range(0, 20).Select(n => n % 2 == 0 ? first : second).ToArray();
        var results = await Task.WhenAll(clients.Select((client, n) => fixture.Grains.GetGrain<ILeadIntakeGrain>(client).SubmitAsync(Unique(n))));

        foreach (var (client, result) in clients.Zip(results))
        {
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND id = $2", client, result.LeadId));
        }

        // Each client's grain was told of its leads before they were answered: no recount (which would count only rows) needed.
        Assert.Equal((10L, 10L), ((await fixture.Grains.GetGrain<Avenir.Contracts.Clients.IClientGrain>(first).GetGrowthAsync())!.TotalLeads,
            (await fixture.Grains.GetGrain<Avenir.Contracts.Clients.IClientGrain>(second).GetGrowthAsync())!.TotalLeads));
    }

    private PendingLead Pending(Guid clientId, LeadIntake intake) => new(clientId, Guid.CreateVersion7(), intake, fixture.Clock.GetUtcNow());

    private async Task WriteAsync(PendingLead[] leads, List<PendingLead> told)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString);
        await LeadIntakeWriter.WriteAsync(new TenantDatabase(dataSource), leads, created =>
        {
            told.AddRange(created);
            return Task.CompletedTask;
        }, NullLogger.Instance);
    }

    private async Task<(long Leads, long Created, long Logs, long Jobs, long Transactions)> CountsAsync(Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM lead_memory WHERE id = ANY($1)),
                   (SELECT count(*) FROM lead_actions WHERE lead_id = ANY($1) AND action_type = 'created'),
                   (SELECT count(*) FROM integration_logs WHERE lead_id = ANY($1) AND api_key = 'avk_test…' AND response_status = 201),
                   (SELECT count(*) FROM queue_jobs WHERE dedupe_key = ANY($2) AND job_type IN ('lead_enrichment', 'lead_auto_reply')
                                                      AND payload ->> 'leadId' = dedupe_key),
                   (SELECT count(DISTINCT xmin::text) FROM lead_actions WHERE lead_id = ANY($1) AND action_type = 'created')
            """, connection)
        {
            Parameters = { new() { Value = ids }, new() { Value = ids.Select(i => i.ToString()).ToArray() } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    private async Task<long> ScalarAsync(string sql, params object[] parameters) =>
        Convert.ToInt64(await OwnerSql.ScalarAsync(fixture.Database, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);
}

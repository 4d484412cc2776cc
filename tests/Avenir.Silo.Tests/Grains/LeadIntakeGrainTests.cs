using Avenir.Grains.Leads;
using Avenir.Contracts.Leads;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;

namespace Avenir.Silo.Tests.Grains;

/// <summary>
/// Intake's group commit (decision 0007) through <see cref="ILeadIntakeGrain"/>: concurrent submissions of a
/// client share a transaction, and every rule of a single submission still holds inside one.
/// </summary>
/// <remarks>
/// To make submissions meet in one transaction, a test holds the advisory lock intake takes on a lead's
/// fingerprint: the transactions in flight wait on it, the submissions sent meanwhile queue up, and all
/// of them go in the next transaction once the lock is released. The assertions hold however they group.
/// </remarks>
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
    public async Task Concurrent_leads_are_committed_together_each_with_its_action_request_log_and_two_jobs()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);

        var results = await WhileHeldAsync(clientId, [Unique(-1)], () => Enumerable.Range(0, 30).Select(n => intake.SubmitAsync(Unique(n))).ToArray());

        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome));
        var ids = results.Select(r => r.LeadId).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        var counts = await CountsAsync(ids);
        Assert.Equal((30L, 30L, 30L, 60L), (counts.Leads, counts.Created, counts.Logs, counts.Jobs));
        Assert.True(counts.Transactions < 30, $"{counts.Transactions} transactions for 30 concurrent leads: none were committed together.");
    }

    [Fact]
    public async Task Concurrent_posts_with_one_idempotency_key_and_body_store_one_lead_and_replay_it()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);
        var same = Intake("paul@example.ca", "Pouvez-vous me rappeler demain?", idempotencyKey: "form-123");

        var results = await WhileHeldAsync(clientId, [Unique(-1)], () => Enumerable.Range(0, 10).Select(_ => intake.SubmitAsync(same)).ToArray());

        var created = Assert.Single(results, r => r.Outcome == LeadIntakeOutcome.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal((LeadIntakeOutcome.Replayed, created.LeadId, created.ReceivedAt), (r.Outcome, r.LeadId, r.ReceivedAt)));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND idempotency_key = 'form-123'", clientId));
    }

    [Fact]
    public async Task Concurrent_posts_with_one_idempotency_key_and_other_bodies_store_one_lead_and_refuse_the_rest()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);

        var results = await WhileHeldAsync(clientId, [Unique(-1)],
            () => Enumerable.Range(0, 6).Select(n => intake.SubmitAsync(Intake($"body{n}@example.ca", $"Body {n}", idempotencyKey: "reused-key"))).ToArray());

        var created = Assert.Single(results, r => r.Outcome == LeadIntakeOutcome.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal((LeadIntakeOutcome.IdempotencyKeyReused, created.LeadId), (r.Outcome, r.LeadId)));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1", clientId) - 1);
    }

    [Fact]
    public async Task Identical_leads_in_one_transaction_are_stored_once_and_the_others_merged_into_it()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);
        var doubleClick = Intake("luc@example.ca", "Bonjour,   j'aimerais une soumission.");

        var results = await WhileHeldAsync(clientId, [Unique(-1)], () => Enumerable.Range(0, 5).Select(_ => intake.SubmitAsync(doubleClick)).ToArray());

        var created = Assert.Single(results, r => r.Outcome == LeadIntakeOutcome.Created);
        Assert.All(results.Where(r => r != created), r => Assert.Equal((LeadIntakeOutcome.Duplicate, created.LeadId), (r.Outcome, r.LeadId)));
        Assert.Equal(4L, await ScalarAsync("SELECT duplicate_count::bigint FROM lead_memory WHERE client_id = $1 AND id = $2", clientId, created.LeadId));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM lead_actions WHERE client_id = $1 AND lead_id = $2 AND action_type = 'duplicate_merged'", clientId, created.LeadId));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM queue_jobs WHERE dedupe_key = $1::text AND job_type = 'lead_enrichment'", created.LeadId.ToString()));
    }

    [Fact]
    public async Task A_lead_the_database_refuses_fails_alone_and_the_others_of_its_transaction_are_stored()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);
        // "de" passes the grain but not lead_memory's language check: the whole transaction fails, then each lead is retried alone.
        var bad = Intake("hans@example.de", "Guten Tag", language: "de");

        Task<LeadIntakeResult>? refused = null;
        var results = await WhileHeldAsync(clientId, [Unique(-1)], () =>
        {
            var good = Enumerable.Range(10, 8).Select(n => intake.SubmitAsync(Unique(n))).ToList();
            refused = intake.SubmitAsync(bad);
            good.AddRange(Enumerable.Range(20, 8).Select(n => intake.SubmitAsync(Unique(n))));
            return good.ToArray();
        });

        await Assert.ThrowsAnyAsync<Exception>(() => refused!);
        Assert.All(results, r => Assert.Equal(LeadIntakeOutcome.Created, r.Outcome));
        Assert.Equal((16L, 16L, 16L, 32L), (await CountsAsync(results.Select(r => r.LeadId).ToArray()) is var c ? (c.Leads, c.Created, c.Logs, c.Jobs) : default));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND email = 'hans@example.de'", clientId));
    }

    [Fact]
    public async Task Concurrent_leads_of_two_clients_are_each_stored_under_their_own_client()
    {
        var first = await TestClients.RegisterAsync(fixture.Grains);
        var second = await TestClients.RegisterAsync(fixture.Grains);

        var clients = Enumerable.Range(0, 20).Select(n => n % 2 == 0 ? first : second).ToArray();
        var results = await Task.WhenAll(clients.Select((client, n) => fixture.Grains.GetGrain<ILeadIntakeGrain>(client).SubmitAsync(Unique(n))));

        foreach (var (client, result) in clients.Zip(results))
        {
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM lead_memory WHERE client_id = $1 AND id = $2", client, result.LeadId));
        }
    }

    [Fact]
    public async Task A_lead_submitted_through_its_own_lead_grain_follows_the_same_rules()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var leadId = Guid.NewGuid();
        var lead = Intake("anne@example.ca", "Avez-vous un rendez-vous lundi?", idempotencyKey: "lead-grain-key");

        var first = await fixture.Grains.GetLeadGrain(clientId, leadId).SubmitAsync(lead);
        var again = await fixture.Grains.GetLeadGrain(clientId, Guid.NewGuid()).SubmitAsync(lead);

        Assert.Equal((LeadIntakeOutcome.Created, leadId), (first.Outcome, first.LeadId));
        Assert.Equal((LeadIntakeOutcome.Replayed, leadId), (again.Outcome, again.LeadId));
        Assert.Equal("Avez-vous un rendez-vous lundi?", (await fixture.Grains.GetLeadGrain(clientId, leadId).GetAsync())?.Message);
    }

    /// <summary>
    /// Submits <paramref name="blockers"/> while holding their fingerprints' locks (so the transactions in flight
    /// wait), then what <paramref name="submit"/> sends, then releases the locks; returns the answers to <paramref name="submit"/>'s calls.
    /// </summary>
    private async Task<LeadIntakeResult[]> WhileHeldAsync(Guid clientId, LeadIntake[] blockers, Func<Task<LeadIntakeResult>[]> submit)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        var names = blockers.Select(b => clientId.ToString() + LeadFingerprint.Of(b.Lead)).ToArray();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(name, 0)) FROM unnest($1::text[]) AS name", connection) { Parameters = { new() { Value = names } } })
        {
            await hold.ExecuteNonQueryAsync();
        }

        var intake = fixture.Grains.GetGrain<ILeadIntakeGrain>(clientId);
        var blocked = blockers.Select(intake.SubmitAsync).ToArray();
        await WaitUntilWaitingAsync(connection, blockers.Length);
        var calls = submit();
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // lets the calls reach the grain's queue; the assertions do not depend on it
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection))
        {
            await release.ExecuteNonQueryAsync();
        }

        await Task.WhenAll(blocked);
        return await Task.WhenAll(calls);
    }

    /// <summary>Waits until <paramref name="count"/> transactions wait for an advisory lock (the blockers reached the database).</summary>
    private static async Task WaitUntilWaitingAsync(NpgsqlConnection connection, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The blocking submissions never waited for their locks.");
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
                   (SELECT count(*) FROM queue_jobs WHERE dedupe_key = ANY($2) AND job_type IN ('lead_enrichment', 'lead_auto_reply') AND payload ->> 'leadId' = dedupe_key),
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

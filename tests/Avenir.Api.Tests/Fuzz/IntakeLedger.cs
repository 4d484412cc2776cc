using System.Globalization;
using Avenir.Contracts.Jobs;
using Avenir.Contracts.Leads;
using Avenir.Infrastructure.Database;
using Npgsql;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// "Nothing half-written", checked in PostgreSQL as its owner: every lead stored for a fuzz client has its created
/// action, its request log and its two jobs; every stored lead belongs to a request answered 201 or 303 (found by the
/// tag the request put in its User-Agent, which intake logs with the lead), for that request's client, once; every 201
/// that announced a new lead has it; and nothing else was stored. The sessions' own leads keep their created actions.
/// </summary>
public sealed class IntakeLedger
{
    private const string LeadsOfClients =
        """
        SELECT m.id, m.client_id,
               (SELECT count(*) FROM lead_actions a WHERE a.client_id = m.client_id AND a.lead_id = m.id AND a.action_type = $2) AS created_actions,
               (SELECT count(*) FROM queue_jobs j WHERE j.dedupe_key = m.id::text AND j.job_type = ANY($3)) AS jobs,
               (SELECT count(*) FROM integration_logs l WHERE l.client_id = m.client_id AND l.lead_id = m.id) AS request_logs,
               (SELECT min(substring(l.user_agent from '^avenir-fuzz/([0-9]+)')) FROM integration_logs l WHERE l.lead_id = m.id) AS request_tag
          FROM lead_memory m
         WHERE m.client_id = ANY($1)
        """;

    private const string LeadsWithoutCreatedAction =
        """
        SELECT count(*) FROM lead_memory m
         WHERE m.client_id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM lead_actions a WHERE a.client_id = m.client_id AND a.lead_id = m.id AND a.action_type = $2)
        """;

    private sealed record StoredLead(Guid Id, Guid ClientId, long CreatedActions, long Jobs, long RequestLogs, int? RequestIndex);

    private readonly HashSet<Guid> before;

    private IntakeLedger(HashSet<Guid> before) => this.before = before;

    public int RowsBefore => before.Count;

    public int RowsAfter { get; private set; }

    public int CreatedAnswers { get; private set; }

    public static async Task<IntakeLedger> OpenAsync(DatabaseSettings database, FuzzWorld world) =>
        new([.. (await ReadAsync(database, world)).Select(lead => lead.Id)]);

    /// <summary>Every discrepancy between what the answers said and what PostgreSQL holds.</summary>
    public async Task<List<string>> CheckAsync(DatabaseSettings database, FuzzWorld world, IReadOnlyList<FuzzOutcome> outcomes)
    {
        var problems = new List<string>();
        var stored = (await ReadAsync(database, world)).Where(lead => !before.Contains(lead.Id)).ToList();
        RowsAfter = before.Count + stored.Count;
        foreach (var lead in stored)
        {
            CheckStored(lead, outcomes, problems);
        }

        foreach (var group in stored.Where(l => l.RequestIndex is not null).GroupBy(l => l.RequestIndex).Where(g => g.Count() > 1))
        {
            problems.Add($"request #{group.Key} stored {group.Count()} leads");
        }

        var byId = stored.ToDictionary(lead => lead.Id);
        var announced = outcomes.Where(o => o is { Status: 201, LeadId: not null, Replayed: false, Request.Lead: { Honeypot: false } }).ToList();
        foreach (var outcome in announced.Where(o => !byId.ContainsKey(o.LeadId!.Value)))
        {
            problems.Add($"request #{outcome.Request.Index} was answered 201 with lead {outcome.LeadId}, which is not stored");
        }

        var redirectsWithLead = stored.Count(lead => lead.RequestIndex is { } i && i < outcomes.Count && outcomes[i].Status == 303);
        CreatedAnswers = announced.Count + redirectsWithLead;
        if (stored.Count != CreatedAnswers)
        {
            problems.Add($"{stored.Count} leads stored, but {CreatedAnswers} answers created one ({announced.Count} 201, {redirectsWithLead} 303)");
        }

        var sessionsLeadsWithoutAction = await ScalarAsync(database, LeadsWithoutCreatedAction, [world.Client.Account.ClientId, world.Admin.Account.ClientId]);
        if (sessionsLeadsWithoutAction > 0)
        {
            problems.Add($"{sessionsLeadsWithoutAction} leads of the signed-in clients lost their created action");
        }

        return problems;
    }

    private static void CheckStored(StoredLead lead, IReadOnlyList<FuzzOutcome> outcomes, List<string> problems)
    {
        if (lead.CreatedActions != 1 || lead.Jobs != 2 || lead.RequestLogs != 1)
        {
            problems.Add($"lead {lead.Id} is half-written: {lead.CreatedActions} created actions, {lead.Jobs} of its 2 jobs, {lead.RequestLogs} request logs");
        }

        if (lead.RequestIndex is not { } index || index >= outcomes.Count || outcomes[index].Request.Lead is not { } post)
        {
            var tag = lead.RequestIndex?.ToString(CultureInfo.InvariantCulture) ?? "none";
            problems.Add($"lead {lead.Id} was stored for no fuzz lead post (request tag {tag})");
            return;
        }

        var outcome = outcomes[index];
        if (outcome.Status is not (201 or 303) || outcome.Replayed || post.Honeypot
            || post.ClientId != lead.ClientId || (outcome.LeadId is { } answered && answered != lead.Id))
        {
            var answer = outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? "nothing";
            problems.Add($"lead {lead.Id} (client {lead.ClientId}) was stored for request #{index}, answered {answer} "
                + $"(lead {outcome.LeadId}, replay {outcome.Replayed}, honeypot {post.Honeypot}, key of client {post.ClientId}); "
                + $"mutations: {string.Join("; ", outcome.Request.Mutations)}");
        }
    }

    private static async Task<List<StoredLead>> ReadAsync(DatabaseSettings database, FuzzWorld world)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(LeadsOfClients, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = world.IntakeClients.Select(c => c.ClientId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = LeadActionTypes.Created });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { JobTypes.LeadEnrichment, JobTypes.LeadAutoReply } });
        await using var reader = await command.ExecuteReaderAsync();
        var leads = new List<StoredLead>();
        while (await reader.ReadAsync())
        {
            var tag = reader["request_tag"] as string;
            leads.Add(new StoredLead(
                (Guid)reader["id"], (Guid)reader["client_id"], (long)reader["created_actions"], (long)reader["jobs"], (long)reader["request_logs"],
                int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null));
        }

        return leads;
    }

    private static async Task<long> ScalarAsync(DatabaseSettings database, string sql, Guid[] clients) =>
        (long)(await OwnerSql.ScalarAsync(database, sql, clients, LeadActionTypes.Created))!;
}

using Npgsql;

namespace Avenir.Benchmarks;

/// <summary>
/// Checks, as the database owner, that every lead acknowledged with a 2xx is stored exactly once, with
/// its "created" action and its two follow-up jobs (enrichment and auto-reply), as intake promises.
/// </summary>
internal static class Verification
{
    public sealed record Outcome(int Acknowledged, int AcknowledgedTwice, int LeadsFound, int ActionsFound, int JobsFound)
    {
        /// <summary>Acknowledged leads stored exactly once (the id is the primary key, so found = once).</summary>
        public int Verified => LeadsFound;

        public bool Passed => AcknowledgedTwice == 0 && LeadsFound == Acknowledged && ActionsFound == Acknowledged && JobsFound == 2 * Acknowledged;
    }

    public static async Task<Outcome> VerifyAsync(NpgsqlDataSource owner, IReadOnlyDictionary<Guid, int> acknowledged)
    {
        var ids = acknowledged.Keys.ToArray();
        var twice = acknowledged.Count(a => a.Value != 1);
        await using var batch = owner.CreateBatch();
        batch.BatchCommands.Add(Command("SELECT count(*) FROM lead_memory WHERE id = ANY($1)", ids));
        batch.BatchCommands.Add(Command("SELECT count(*) FROM lead_actions WHERE lead_id = ANY($1) AND action_type = 'created'", ids));
        batch.BatchCommands.Add(Command(
            "SELECT count(*) FROM queue_jobs WHERE job_type IN ('lead_enrichment', 'lead_auto_reply') AND dedupe_key = ANY($1)",
            ids.Select(id => id.ToString()).ToArray()));
        batch.Timeout = 300;
        await using var reader = await batch.ExecuteReaderAsync();
        var counts = new List<int>();
        do
        {
            await reader.ReadAsync();
            counts.Add((int)reader.GetInt64(0));
        }
        while (await reader.NextResultAsync());

        return new Outcome(ids.Length, twice, counts[0], counts[1], counts[2]);
    }

    /// <summary>
    /// How many transactions committed these leads, read from the database: the <c>xmin</c> (creating transaction)
    /// of their "created" actions, rows nothing ever updates. Leads per transaction tells which intake mode ran:
    /// 1 is one transaction per lead; more is group commit (decision 0007).
    /// </summary>
    public static async Task<long> TransactionsAsync(NpgsqlDataSource owner, IReadOnlyCollection<Guid> leads)
    {
        await using var command = owner.CreateCommand(
            "SELECT count(DISTINCT xmin::text) FROM lead_actions WHERE lead_id = ANY($1) AND action_type = 'created'");
        command.Parameters.Add(new NpgsqlParameter { Value = leads.ToArray() });
        command.CommandTimeout = 300;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The client a key belongs to (<c>clients.api_key_hash</c> is the key's SHA-256 in hex).</summary>
    public static async Task<Guid> ClientOfKeyAsync(NpgsqlDataSource owner, string key)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
        await using var command = owner.CreateCommand("SELECT client_id FROM clients WHERE api_key_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await command.ExecuteScalarAsync() is Guid id
            ? id
            : throw new InvalidOperationException("No client has the benchmark's key (is --connection the same database as --api?).");
    }

    private static NpgsqlBatchCommand Command(string sql, object value)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

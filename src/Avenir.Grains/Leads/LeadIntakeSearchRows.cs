using Npgsql;
using NpgsqlTypes;
using ClientGroup = Avenir.Grains.Leads.LeadIntakeRows.ClientGroup;
using Earlier = Avenir.Grains.Leads.LeadIntakeRows.Earlier;

namespace Avenir.Grains.Leads;

/// <summary>
/// The first round trip of an intake transaction (decisions 0007, 0014): the locks of every client's submissions in one
/// statement, then one search by idempotency key and one by content for every client, each value searched under its
/// own client's tenant scope (set per input row), so their cost is paid once per transaction, not once per client.
/// </summary>
internal static class LeadIntakeSearchRows
{
    /// <summary>
    /// Transaction-scoped advisory locks on the given names, taken in one statement and in one global order
    /// (sorted by key), so two transactions locking overlapping sets never wait on each other in a cycle.
    /// </summary>
    private const string Lock =
        """
        SELECT pg_advisory_xact_lock(k)
          FROM (SELECT DISTINCT hashtextextended(name, 0) AS k FROM unnest($1::text[]) AS name ORDER BY 1 OFFSET 0) AS locks
        """;

    /// <summary>
    /// For each client $1 and idempotency key $3, the lead stored under it, each searched under its own scope $2 (set on
    /// the input row before the lateral search reads; RLS filters every row read by the scope in force then). <c>seen</c>
    /// is the scope the row was read under, checked by the caller: a search read under another scope would miss its lead.
    /// </summary>
    private const string SameKeys =
        """
        SELECT f.ord, d.id, d.created_at, d.request_hash, avenir_current_client() AS seen
          FROM (SELECT ord, client_id, key, set_config('avenir.client_id', scope, true) AS scoped
                  FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS u (client_id, scope, key, ord)) AS f
          LEFT JOIN LATERAL (
               SELECT id, created_at, request_hash FROM lead_memory WHERE client_id = f.client_id AND idempotency_key = f.key) AS d ON true
        """;

    /// <summary>
    /// For each client $1 and fingerprint $3, the most recent not deleted lead with it received after $4, searched under its
    /// own scope $2 as in <see cref="SameKeys"/>.
    /// </summary>
    private const string SameContents =
        """
        SELECT f.ord, d.id, d.created_at, avenir_current_client() AS seen
          FROM (SELECT ord, client_id, fingerprint, since, set_config('avenir.client_id', scope, true) AS scoped
                  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS u (client_id, scope, fingerprint, since, ord)) AS f
          LEFT JOIN LATERAL (
               SELECT id, created_at
                 FROM lead_memory
                WHERE client_id = f.client_id AND dedupe_hash = f.fingerprint AND created_at > f.since AND NOT deleted
                ORDER BY created_at DESC
                LIMIT 1) AS d ON true
        """;

    /// <summary>
    /// Locks the submissions' fingerprints and idempotency keys (per client), then finds the earlier leads
    /// that answer them, in the transaction's first round trip (it also carries <c>BEGIN</c> and the first
    /// client's tenant scope). The locks of every client are taken in one statement in one global order; then one search
    /// by key (only when some submission has one) and one by content take every client's values, each value searched
    /// under its own client's scope (<see cref="SameKeys"/>, <see cref="SameContents"/>), so row-level security shows each
    /// search its own client's leads only. The locks make concurrent identical submissions, or
    /// concurrent uses of one key, on any silo wait for each other's commit, so a double-click stores one lead;
    /// different submissions never wait. The searches come after the lock statement, so their snapshot is taken
    /// once the locks are held. Returns one pair of look-ups per group, in the groups' order; throws when a value was
    /// read under another scope than its client's (the group then fails and its leads are retried one by one).
    /// </summary>
    public static async Task<IReadOnlyList<(Dictionary<string, Earlier> ByKey, Dictionary<string, Earlier> ByContent)>> LockAndFindEarlierAsync(
        TenantPipeline transaction, IReadOnlyList<ClientGroup> groups)
    {
        var searches = groups.Select(group => Search.Of(group)).ToArray();
        var keys = searches.SelectMany((s, g) => s.Keys.Select(k => (Group: g, s.ClientId, k.Client, Value: k.Key))).ToArray();
        var contents = searches.SelectMany((s, g) => s.Contents.Select(c => (Group: g, s.ClientId, c.Client, c.Fingerprint, c.Since))).ToArray();

        // Not prepared: the searches are planned for their actual values each time, so a generic plan chosen
        // while the table was nearly empty can never stick to a pooled connection. (The write batch is
        // prepared: its insert is the longest statement to parse and has one sensible plan.)
        await using var batch = transaction.Batch();
        batch.Add(Lock, Sql.Array(NpgsqlDbType.Text, searches.SelectMany(s => s.Locks).ToArray()));
        // Without idempotency keys only the content can match, and the key search is not sent at all.
        if (keys.Length > 0)
        {
            batch.Add(SameKeys, Sql.Array(NpgsqlDbType.Uuid, keys.Select(k => k.Client).ToArray()),
                Sql.Array(NpgsqlDbType.Text, keys.Select(k => k.ClientId.ToString()).ToArray()),
                Sql.Array(NpgsqlDbType.Text, keys.Select(k => k.Value).ToArray()));
        }

        batch.Add(SameContents, Sql.Array(NpgsqlDbType.Uuid, contents.Select(c => c.Client).ToArray()),
            Sql.Array(NpgsqlDbType.Text, contents.Select(c => c.ClientId.ToString()).ToArray()),
            Sql.Array(NpgsqlDbType.Text, contents.Select(c => c.Fingerprint).ToArray()),
            Sql.Array(NpgsqlDbType.TimestampTz, contents.Select(c => c.Since.UtcDateTime).ToArray()));
        transaction.ScopeSetPerRow();

        var found = searches.Select(_ => (ByKey: new Dictionary<string, Earlier>(StringComparer.Ordinal),
            ByContent: new Dictionary<string, Earlier>(StringComparer.Ordinal))).ToArray();
        await using var reader = await batch.ExecuteReaderAsync(); // on the locks' result set
        if (keys.Length > 0)
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var key = keys[reader.GetInt64(0) - 1];
                ReadUnder(reader, seenAt: 4, key.Client);
                if (!reader.IsDBNull(1))
                {
                    found[key.Group].ByKey[key.Value] = new Earlier(
                        reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3), ByIdempotencyKey: true);
                }
            }
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            var content = contents[reader.GetInt64(0) - 1];
            ReadUnder(reader, seenAt: 3, content.Client);
            if (!reader.IsDBNull(1))
            {
                found[content.Group].ByContent[content.Fingerprint] = new Earlier(
                    reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), RequestHash: null, ByIdempotencyKey: false);
            }
        }

        return found;
    }

    /// <summary>
    /// Fails the search when a value was read under another scope than its client's (<c>seen</c>): its lead, if any, was
    /// hidden from it. It never happens while PostgreSQL sets each input row's scope before its lateral search reads.
    /// </summary>
    private static void ReadUnder(NpgsqlDataReader reader, int seenAt, Guid client)
    {
        if (reader.IsDBNull(seenAt) || reader.GetGuid(seenAt) != client)
        {
            throw new InvalidOperationException($"An intake search for client {client} ran under another tenant scope.");
        }
    }

    /// <summary>What one client's group locks and looks up; each value with the client of the submissions carrying it.</summary>
    private sealed record Search(
        Guid ClientId, (Guid Client, string Key)[] Keys, (Guid Client, string Fingerprint, DateTimeOffset Since)[] Contents, string[] Locks)
    {
        public static Search Of(ClientGroup group)
        {
            var client = group.ClientId.ToString();
            var keys = group.Leads.Where(l => l.Intake.IdempotencyKey is not null).GroupBy(l => l.Intake.IdempotencyKey!, StringComparer.Ordinal)
                .Select(g => (Client: g.First().ClientId, Key: g.Key))
                .ToArray();
            // For each fingerprint, the widest window of the submissions carrying it (each is checked against its own after).
            var contents = group.Leads.GroupBy(l => l.Fingerprint, StringComparer.Ordinal)
                .Select(g => (Client: g.First().ClientId, Fingerprint: g.Key, Since: g.Min(l => l.DuplicateSince)))
                .ToArray();
            var locks = contents.Select(c => client + c.Fingerprint).Concat(keys.Select(k => client + "\nidempotency-key\n" + k.Key)).ToArray();
            return new Search(group.ClientId, keys, contents, locks);
        }
    }
}
